/**
 * The sim's public origin. With port 0 it is known only once the server listens, and the
 * hosted-page links in API answers are built from it, so it is set after listen().
 */
export class PublicUrl {
  private origin: string | undefined;

  set(origin: string): void {
    this.origin = origin.replace(/\/+$/, '');
  }

  /** An absolute URL on the sim, e.g. to('/hostedpaymentpage/', { pid }). */
  to(path: string, query: Record<string, string> = {}): string {
    if (this.origin === undefined) throw new Error('gateway-sim: the public URL is not known before listen()');
    const url = new URL(path, `${this.origin}/`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  }
}
