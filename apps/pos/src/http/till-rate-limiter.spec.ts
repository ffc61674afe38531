import { TillRateLimiter } from './till-rate-limiter';

describe('TillRateLimiter', () => {
  it('allows the per-minute budget, then refuses with a Retry-After, then refills', () => {
    let now = 0;
    const limiter = new TillRateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('till-a').allowed).toBe(true);
    expect(limiter.take('till-a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1000;
    expect(limiter.take('till-a').allowed).toBe(true);
    expect(limiter.take('till-a').allowed).toBe(false);
  });

  it('keeps a separate budget per till', () => {
    const limiter = new TillRateLimiter(1, () => 0);
    expect(limiter.take('till-a').allowed).toBe(true);
    expect(limiter.take('till-a').allowed).toBe(false);
    expect(limiter.take('till-b').allowed).toBe(true);
  });
});
