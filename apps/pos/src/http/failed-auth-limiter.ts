import { LRUCache } from 'lru-cache';
import { clientAddressKey } from './client-address';
import { ALLOWED, fullBucket, refill, verdict, type LimitVerdict, type TokenBucket } from './token-bucket';

const DEFAULT_FAILED_AUTH_LIMIT_PER_MINUTE = 20;
const MAX_ADDRESSES = 50_000;

/**
 * Failed authentications (no, malformed or unknown key) per client address, as a token
 * bucket in memory like TillRateLimiter. An address out of tokens is refused before its
 * key is looked up, so guessing keys cannot turn into database load. Only failures are
 * remembered, in an LRU: bounded memory however many addresses knock.
 */
export class FailedAuthLimiter {
  private readonly buckets = new LRUCache<string, TokenBucket>({ max: MAX_ADDRESSES });

  constructor(
    private readonly perMinute: number = DEFAULT_FAILED_AUTH_LIMIT_PER_MINUTE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the address may try a key now; spends nothing. */
  check(ip: string): LimitVerdict {
    const bucket = this.buckets.get(clientAddressKey(ip));
    if (!bucket) return ALLOWED;
    return verdict(refill(bucket, this.perMinute, this.now()), this.perMinute);
  }

  recordFailure(ip: string): void {
    const key = clientAddressKey(ip);
    const now = this.now();
    const bucket = refill(this.buckets.get(key) ?? fullBucket(this.perMinute, now), this.perMinute, now);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    this.buckets.set(key, bucket);
  }
}
