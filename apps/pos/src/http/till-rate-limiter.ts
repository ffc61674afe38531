import { fullBucket, refill, verdict, type LimitVerdict, type TokenBucket } from './token-bucket';

/**
 * A token bucket per till, in memory: the hot path writes nothing to Redis. With several
 * POS instances behind a balancer each enforces its own share, which is the intent (the
 * limit protects the database from one runaway till, not a billing quota). Only
 * authenticated tills get here, so the map is as big as the tenants' tills.
 */
export class TillRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns the seconds to wait when there is none. */
  take(tillId: string): LimitVerdict {
    const now = this.now();
    const bucket = refill(this.buckets.get(tillId) ?? fullBucket(this.perMinute, now), this.perMinute, now);
    this.buckets.set(tillId, bucket);
    const result = verdict(bucket, this.perMinute);
    if (result.allowed) bucket.tokens -= 1;
    return result;
  }
}
