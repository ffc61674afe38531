import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AttemptBudget } from '@kk/account-settings';
import { PORTAL_REDIS, type SignedInPageContext } from '../kit';

const ONE_HOUR_MS = 60 * 60 * 1000;

/**
 * Per login and hour, counted in Redis (every portal process shares the count):
 * - 10 card numbers looked up: "that number cannot be linked" says a card exists, so nobody
 *   may try numbers at speed (format mistakes are free: they reveal nothing);
 * - 20 photos decoded: the costly part of an upload.
 */
export const ATTEMPTS_PER_HOUR = { cardNumber: 10, photo: 20 } as const;

@Injectable()
export class AttemptBudgets {
  constructor(@Inject(PORTAL_REDIS) private readonly redis: Redis) {}

  of(kind: keyof typeof ATTEMPTS_PER_HOUR, page: SignedInPageContext): AttemptBudget {
    const key = `kk:rl:account-settings:${kind}:${page.tenant.slug}:${page.login}`;
    return {
      take: async () => {
        // A fixed window: the first attempt starts the hour, later ones only count.
        const replies = await this.redis.multi().set(key, '0', 'PX', ONE_HOUR_MS, 'NX').incr(key).exec();
        const count = Number(replies?.[1]?.[1] ?? Number.POSITIVE_INFINITY);
        return count <= ATTEMPTS_PER_HOUR[kind];
      },
    };
  }
}
