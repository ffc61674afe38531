/**
 * Test control: how long `POST /v1/unscheduledsubscriptions/charges` holds its answer *after*
 * the charge is made, so a test can kill the caller between the provider's charge and the
 * caller's own commit. 0 (the default) answers at once.
 */
export class NexiAnswerDelay {
  private ms = 0;
  private readonly held = new Set<() => void>();

  get delayMs(): number {
    return this.ms;
  }

  set(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0 || ms > MAX_ANSWER_DELAY_MS) {
      throw new RangeError(`the answer delay is whole milliseconds from 0 to ${MAX_ANSWER_DELAY_MS}, got ${ms}`);
    }
    this.ms = ms;
  }

  /** Resolves after the delay, or at once when it is 0 or the answers are released. */
  hold(): Promise<void> {
    if (this.ms === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, this.ms);
      this.held.add(release);
    });
  }

  /** Back to 0, and every held answer sent now (reset, stop). */
  releaseAll(): void {
    this.ms = 0;
    for (const release of [...this.held]) release();
  }
}

export const MAX_ANSWER_DELAY_MS = 60_000;
