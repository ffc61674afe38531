/**
 * At most `limit` pieces of work at once; the rest wait their turn, first come first served.
 * Hand-written because the well-kept packages for this (p-limit ≥ 4, p-queue) are ESM-only
 * and this repository is CommonJS; the p-limit 3 in node_modules is only a dev tool's.
 * Nothing is refused: a full queue just grows, so a caller waits instead of failing.
 */
export class ConcurrencyLimit {
  readonly #limit: number;
  #running = 0;
  // A FIFO with a moving head: shift() on a long array copies it on every call.
  #waiting: (() => void)[] = [];
  #head = 0;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a concurrency limit must be ≥ 1, got ${limit}`);
    this.#limit = limit;
  }

  get limit(): number {
    return this.#limit;
  }

  /** Running now. */
  get running(): number {
    return this.#running;
  }

  /** Queued, not yet started. */
  get waiting(): number {
    return this.#waiting.length - this.#head;
  }

  /** Runs `work` when a place is free; its place is given back however it ends (a rejection too). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await work();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#running < this.#limit) {
      this.#running += 1;
      return Promise.resolve();
    }
    // The place is handed over by #release, so #running stays counted for the next in line.
    return new Promise((start) => this.#waiting.push(start));
  }

  #release(): void {
    if (this.#head < this.#waiting.length) {
      const next = this.#waiting[this.#head];
      this.#head += 1;
      if (this.#head > 1024 && this.#head * 2 > this.#waiting.length) {
        this.#waiting = this.#waiting.slice(this.#head);
        this.#head = 0;
      }
      next();
      return;
    }
    this.#running -= 1;
  }
}
