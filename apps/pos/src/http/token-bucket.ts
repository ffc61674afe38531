/** A per-minute token bucket: full at `perMinute` tokens, refilled continuously. */
export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

export type LimitVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export const ALLOWED: LimitVerdict = { allowed: true };

export function fullBucket(perMinute: number, now: number): TokenBucket {
  return { tokens: perMinute, updatedAt: now };
}

/** Brings the bucket's tokens up to `now`. */
export function refill(bucket: TokenBucket, perMinute: number, now: number): TokenBucket {
  bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.updatedAt) * (perMinute / 60_000));
  bucket.updatedAt = now;
  return bucket;
}

/** Allowed while a whole token is left; otherwise the whole seconds until there is one again. */
export function verdict(bucket: TokenBucket, perMinute: number): LimitVerdict {
  if (bucket.tokens >= 1) return ALLOWED;
  const msUntilToken = (1 - bucket.tokens) / (perMinute / 60_000);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msUntilToken / 1000)) };
}
