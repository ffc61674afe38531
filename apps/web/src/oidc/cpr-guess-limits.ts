import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type Redis from 'ioredis';
import type { CprGuess, CprGuessLimiter } from '@kk/identity';
import { PORTAL_REDIS } from '../kit';

export type { CprGuess };

/** The limits, when not the defaults (tests lower or raise single numbers). */
export const CPR_GUESS_LIMIT_SETTINGS = Symbol('CPR_GUESS_LIMIT_SETTINGS');

/**
 * Wrong CPR numbers on the MitID CPR step (the lib's CprGuessLimiter, which OidcLoginService
 * asks and feeds), counted in Redis so they hold across portal processes and across MitID
 * sessions (the broker's own 3 tries start over with every new MitID login). Three
 * counters, each locking out when it reaches its limit:
 * - per MitID identity (issuer + sub): one person cannot try their way through numbers by
 *   logging in again and again;
 * - per target CPR (its HMAC blind index, never the CPR): many identities cannot gang up on
 *   one person's number;
 * - per client address: one machine cannot use many identities.
 * Only misses count: the right number links at once, and a malformed one never reaches the
 * broker.
 */
export interface GuessLimit {
  readonly limit: number;
  /** A miss is remembered this long... */
  readonly windowSeconds: number;
  /** ...and once the limit is reached, the key stays locked this long. */
  readonly lockSeconds: number;
}

export interface CprGuessLimitSettings {
  readonly perIdentity: GuessLimit;
  readonly perTargetCpr: GuessLimit;
  readonly perAddress: GuessLimit;
}

const DAY = 24 * 60 * 60;
const HOUR = 60 * 60;

export const DEFAULT_CPR_GUESS_LIMITS: CprGuessLimitSettings = {
  // Two MitID sessions' worth of the broker's 3 tries a day.
  perIdentity: { limit: 6, windowSeconds: DAY, lockSeconds: DAY },
  // An hour, not a day: strangers' misses on a person's number must not keep that person out for long.
  perTargetCpr: { limit: 5, windowSeconds: HOUR, lockSeconds: HOUR },
  perAddress: { limit: 20, windowSeconds: HOUR, lockSeconds: HOUR },
};

// INCR, start the window on the first miss, and hold the key for the lock-out once the
// limit is reached; one round trip, atomic per key.
const COUNT_MISS = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if n >= tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return n`;

@Injectable()
export class CprGuessLimits implements CprGuessLimiter {
  constructor(
    @Inject(PORTAL_REDIS) private readonly redis: Redis,
    @Optional()
    @Inject(CPR_GUESS_LIMIT_SETTINGS)
    private readonly settings: CprGuessLimitSettings = DEFAULT_CPR_GUESS_LIMITS,
  ) {}

  /** True when any of the three counters has reached its limit. */
  async isLockedOut(guess: CprGuess): Promise<boolean> {
    const keys = this.keys(guess);
    const counts = await this.redis.mget(keys.map((k) => k.key));
    return keys.some((k, i) => Number(counts[i] ?? 0) >= k.rule.limit);
  }

  /** Counts a CPR the broker said is not this identity's; true when that locked something out. */
  async recordMiss(guess: CprGuess): Promise<boolean> {
    let locked = false;
    for (const { key, rule } of this.keys(guess)) {
      const count = Number(await this.redis.eval(COUNT_MISS, 1, key, rule.windowSeconds, rule.limit, rule.lockSeconds));
      if (count >= rule.limit) locked = true;
    }
    return locked;
  }

  private keys(guess: CprGuess): { key: string; rule: GuessLimit }[] {
    const prefix = `kk:cpr-guess:${guess.tenantId}`;
    const identity = createHash('sha256').update(`${guess.issuer}\n${guess.subject}`).digest('base64url');
    return [
      { key: `${prefix}:identity:${identity}`, rule: this.settings.perIdentity },
      { key: `${prefix}:cpr:${guess.targetCprIndex}`, rule: this.settings.perTargetCpr },
      { key: `${prefix}:address:${guess.address}`, rule: this.settings.perAddress },
    ];
  }
}
