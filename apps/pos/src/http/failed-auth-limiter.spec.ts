import { FailedAuthLimiter } from './failed-auth-limiter';

describe('FailedAuthLimiter', () => {
  it('allows 20 failures a minute per address by default, then refuses with a Retry-After, then refills', () => {
    let now = 0;
    const limiter = new FailedAuthLimiter(undefined, () => now);
    for (let i = 0; i < 20; i++) {
      expect(limiter.check('203.0.113.7').allowed).toBe(true);
      limiter.recordFailure('203.0.113.7');
    }
    expect(limiter.check('203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 3 });
    now += 3000;
    expect(limiter.check('203.0.113.7').allowed).toBe(true);
    limiter.recordFailure('203.0.113.7');
    expect(limiter.check('203.0.113.7').allowed).toBe(false);
  });

  it('spends nothing on a check, and keeps a budget per address (IPv6: per /64)', () => {
    const limiter = new FailedAuthLimiter(1, () => 0);
    for (let i = 0; i < 5; i++) expect(limiter.check('203.0.113.7').allowed).toBe(true);
    limiter.recordFailure('203.0.113.7');
    expect(limiter.check('203.0.113.7').allowed).toBe(false);
    expect(limiter.check('::ffff:203.0.113.7').allowed).toBe(false);
    expect(limiter.check('203.0.113.8').allowed).toBe(true);
    limiter.recordFailure('2001:db8:1:2::1');
    expect(limiter.check('2001:db8:1:2::abcd').allowed).toBe(false);
    expect(limiter.check('2001:db8:1:3::1').allowed).toBe(true);
  });

  it('stays bounded: the least recently failing addresses are forgotten first', () => {
    const limiter = new FailedAuthLimiter(1, () => 0);
    limiter.recordFailure('198.51.100.1');
    for (let i = 0; i < 50_000; i++) limiter.recordFailure(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    expect(limiter.check('198.51.100.1').allowed).toBe(true);
    expect(limiter.check('10.0.195.79').allowed).toBe(false);
  });
});
