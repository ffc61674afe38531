import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { TillAuthenticator, type Till } from '@kk/pos-authorization';
import { ProblemException } from './problem';
import { IS_PUBLIC } from './public.decorator';
import { TillRateLimiter } from './till-rate-limiter';

export type TillRequest = FastifyRequest & { till?: Till };

/** Global guard: a valid till key names the till (and so the tenant), then the till's rate limit. */
@Injectable()
export class TillAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: TillAuthenticator,
    private readonly rateLimiter: TillRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<TillRequest>();
    const till = await this.authenticator.authenticate(request.headers.authorization);
    if (!till) {
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'A valid till API key is required (Authorization: Bearer <key>).',
        undefined,
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    const limit = this.rateLimiter.take(till.tillId);
    if (!limit.allowed) {
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'rate-limited',
        'Too many requests from this till; retry later.',
        undefined,
        {
          'retry-after': String(limit.retryAfterSeconds),
        },
      );
    }
    request.till = till;
    return true;
  }
}

export function tillOf(request: TillRequest): Till {
  if (!request.till) throw new Error('till missing: route is not guarded');
  return request.till;
}
