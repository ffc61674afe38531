/** Logins whose counters are kept at once: far more than a demo or a test run has in 15 minutes. */
const DEFAULT_MAX_LOGINS = 10_000;

interface Attempts {
  count: number;
  /** Epoch seconds after which the login may not match at all, so its count no longer matters. */
  readonly forgetAt: number;
}

/**
 * How many CPR match calls each MitID login has made, in memory. Bounded: a login's count is
 * dropped once its 15 minutes are over (later calls are refused for the time anyway), and when
 * the store is still full the oldest login goes, which could give it fresh tries; a stand-in
 * accepts that rather than growing without limit.
 */
export class CprMatchAttempts {
  private readonly logins = new Map<string, Attempts>();

  constructor(private readonly maxLogins = DEFAULT_MAX_LOGINS) {
    if (!Number.isInteger(maxLogins) || maxLogins < 1) throw new Error(`maxLogins must be a positive integer`);
  }

  /** Counts one call of this login and returns its calls so far, this one included. */
  count(login: string, forgetAt: number, now: number): number {
    const known = this.logins.get(login);
    if (known) {
      known.count += 1;
      return known.count;
    }
    this.makeRoom(now);
    this.logins.set(login, { count: 1, forgetAt });
    return 1;
  }

  get size(): number {
    return this.logins.size;
  }

  private makeRoom(now: number): void {
    if (this.logins.size < this.maxLogins) return;
    for (const [login, attempts] of this.logins) {
      if (attempts.forgetAt <= now) this.logins.delete(login);
    }
    // A Map iterates in insertion order, so the first key is the login counted first.
    for (const login of this.logins.keys()) {
      if (this.logins.size < this.maxLogins) break;
      this.logins.delete(login);
    }
  }
}
