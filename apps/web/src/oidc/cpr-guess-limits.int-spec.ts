import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { testEnv } from '@kk/testing';
import { CprGuessLimits, DEFAULT_CPR_GUESS_LIMITS, type CprGuess } from './cpr-guess-limits';

/** The MitID CPR step's wrong-number counters, against the test Redis. */
describe('CprGuessLimits', () => {
  let redis: Redis;
  let limits: CprGuessLimits;

  beforeAll(() => {
    redis = new Redis(testEnv().redisUrl);
    limits = new CprGuessLimits(redis);
  });
  afterAll(() => redis.quit());

  const tenantId = `t-${randomBytes(4).toString('hex')}`;
  const guess = (over: Partial<CprGuess> = {}): CprGuess => ({
    tenantId,
    issuer: 'https://broker.example',
    subject: randomBytes(8).toString('hex'),
    targetCprIndex: randomBytes(8).toString('base64url'),
    address: `10.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`,
    ...over,
  });

  it('locks one target CPR after five misses by different identities from different addresses', async () => {
    const target = randomBytes(8).toString('base64url');
    const locked: boolean[] = [];
    for (let i = 0; i < DEFAULT_CPR_GUESS_LIMITS.perTargetCpr.limit; i++) {
      locked.push(await limits.recordMiss(guess({ targetCprIndex: target })));
    }
    expect(locked).toEqual([false, false, false, false, true]);
    // Anyone, even the person whose number it is, waits out the lock; another number is not locked.
    await expect(limits.isLockedOut(guess({ targetCprIndex: target }))).resolves.toBe(true);
    await expect(limits.isLockedOut(guess())).resolves.toBe(false);
    const key = `kk:cpr-guess:${tenantId}:cpr:${target}`;
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(DEFAULT_CPR_GUESS_LIMITS.perTargetCpr.lockSeconds - 10);
    expect(ttl).toBeLessThanOrEqual(DEFAULT_CPR_GUESS_LIMITS.perTargetCpr.lockSeconds);
  });

  it('locks one identity after six misses on any numbers, and one address after twenty', async () => {
    const subject = randomBytes(8).toString('hex');
    for (let i = 0; i < DEFAULT_CPR_GUESS_LIMITS.perIdentity.limit - 1; i++)
      await limits.recordMiss(guess({ subject }));
    await expect(limits.isLockedOut(guess({ subject }))).resolves.toBe(false);
    await limits.recordMiss(guess({ subject }));
    await expect(limits.isLockedOut(guess({ subject }))).resolves.toBe(true);

    const address = '192.0.2.7';
    for (let i = 0; i < DEFAULT_CPR_GUESS_LIMITS.perAddress.limit; i++) await limits.recordMiss(guess({ address }));
    await expect(limits.isLockedOut(guess({ address }))).resolves.toBe(true);
    await expect(limits.isLockedOut(guess())).resolves.toBe(false);
  });

  it('keeps no CPR in Redis: the target is only its blind index', async () => {
    const keys = await redis.keys(`kk:cpr-guess:${tenantId}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join('\n')).not.toMatch(/\d{10}/);
  });
});
