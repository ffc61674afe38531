import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * The portal process as the load generator reaches it: its loopback port and one keep-alive
 * pool. Mutable: the browsers keep their sessions (in Redis) when the bench moves them to
 * another portal process.
 */
export class PortalTarget {
  #agent = PortalTarget.newAgent();

  constructor(public port: number) {}

  get agent(): Agent {
    return this.#agent;
  }

  moveTo(port: number): void {
    this.#agent.destroy();
    this.#agent = PortalTarget.newAgent();
    this.port = port;
  }

  close(): void {
    this.#agent.destroy();
  }

  // One socket per browser at a time (each waits for its answer), kept open between pages.
  private static newAgent(): Agent {
    return new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 512 });
  }
}

export interface Reply {
  readonly status: number;
  /** The Location header, as sent (a path for the portal's own redirects). */
  readonly location?: string;
  readonly body: string;
  /** From sending the request to the last byte of the body. */
  readonly ms: number;
}

/**
 * One parent's browser without JavaScript, as the portal sees it behind its TLS proxy: the
 * tenant's Host, X-Forwarded-Proto https (so Secure `__Host-` cookies are set and sent) and
 * the parent's own address in X-Forwarded-For (the portal trusts the loopback proxy, so its
 * per-address rate limits count each parent, not the bench). Keeps cookies by name, as a
 * browser does for one host; follows no redirects by itself.
 */
export class PortalBrowser {
  readonly #cookies = new Map<string, string>();

  constructor(
    private readonly target: PortalTarget,
    readonly host: string,
    readonly clientIp: string,
  ) {}

  get(path: string): Promise<Reply> {
    return this.send('GET', path);
  }

  postForm(path: string, form: Readonly<Record<string, string>>): Promise<Reply> {
    return this.send('POST', path, new URLSearchParams(form).toString());
  }

  /** The CSRF token of the first form on a page. */
  static csrfToken(html: string): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match) throw new Error('no CSRF token on the page');
    return match[1];
  }

  /**
   * A GET that the server hung up on over a kept-alive socket is sent once more on a new one,
   * as Node's documentation advises (req.reusedSocket): the server may close an idle socket just
   * as the request goes out, and the page was never served. A POST is not repeated.
   */
  private async send(method: 'GET' | 'POST', path: string, body?: string): Promise<Reply> {
    try {
      return await this.sendOnce(method, path, body);
    } catch (error) {
      if (method !== 'GET' || !(error instanceof StaleSocketError)) throw error;
      return this.sendOnce(method, path, body);
    }
  }

  private sendOnce(method: 'GET' | 'POST', path: string, body?: string): Promise<Reply> {
    const headers: Record<string, string> = {
      host: this.host,
      'x-forwarded-proto': 'https',
      'x-forwarded-for': this.clientIp,
      accept: 'text/html',
      'accept-language': 'da',
      'user-agent': 'kantinekort-bench-portal',
    };
    if (this.#cookies.size > 0) headers.cookie = [...this.#cookies].map(([n, v]) => `${n}=${v}`).join('; ');
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const start = performance.now();
    return new Promise<Reply>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.target.port, agent: this.target.agent, method, path, headers },
        (res) => {
          for (const cookie of res.headers['set-cookie'] ?? []) this.store(cookie);
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - start,
            }),
          );
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocketError(error) : error),
      );
      req.end(body);
    });
  }

  private store(header: string): void {
    const [pair, ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('expires='));
    const expired = expires !== undefined && Date.parse(expires.slice('expires='.length)) <= Date.now();
    if (value === '' || expired) this.#cookies.delete(name);
    else this.#cookies.set(name, value);
  }
}

/** The server closed a kept-alive socket before answering on it. */
class StaleSocketError extends Error {
  constructor(override readonly cause: Error) {
    super(`${cause.message} (on a kept-alive socket)`);
  }
}

/** Distinct client addresses (10.x.y.z), one per browser, as parents at home would have. */
export class ClientAddresses {
  private next = 1;

  take(): string {
    const n = this.next++;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }
}
