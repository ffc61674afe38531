import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { TillAuthenticator, type Till } from '@kk/pos-authorization';
import { noteTillForLogs } from '../ops/pos-request-context';
import { FailedAuthLimiter } from './failed-auth-limiter';
import { ProblemException } from './problem';
import { IS_PUBLIC } from './public.decorator';
import { TillRateLimiter } from './till-rate-limiter';

export type TillRequest = FastifyRequest & { till?: Till };

/**
 * Global guard: a valid till key names the till (and so the tenant), then the till's rate
 * limit. A key already known good is answered from memory; anything else first passes the
 * failed-authentication limit of its address, so key guessing never reaches the database.
 */
@Injectable()
export class TillAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: TillAuthenticator,
    private readonly rateLimiter: TillRateLimiter,
    private readonly failedAuthLimiter: FailedAuthLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<TillRequest>();
    const till =
      this.authenticator.cachedTill(request.headers.authorization) ?? (await this.authenticateUncached(request));
    const limit = this.rateLimiter.take(till.tillId);
    if (!limit.allowed) {
      throw tooManyRequests('Too many requests from this till; retry later.', limit.retryAfterSeconds);
    }
    request.till = till;
    noteTillForLogs(request, till);
    return true;
  }

  private async authenticateUncached(request: TillRequest): Promise<Till> {
    const budget = this.failedAuthLimiter.check(request.ip);
    if (!budget.allowed) {
      throw tooManyRequests(
        'Too many failed authentications from this address; retry later with a valid till API key.',
        budget.retryAfterSeconds,
        'too-many-failed-authentications',
      );
    }
    const till = await this.authenticator.authenticate(request.headers.authorization);
    if (till) return till;
    this.failedAuthLimiter.recordFailure(request.ip);
    throw new ProblemException(
      HttpStatus.UNAUTHORIZED,
      'unauthorized',
      'A valid till API key is required (Authorization: Bearer <key>).',
      undefined,
      { 'www-authenticate': 'Bearer' },
    );
  }
}

function tooManyRequests(detail: string, retryAfterSeconds: number, slug = 'rate-limited'): ProblemException {
  return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, slug, detail, undefined, {
    'retry-after': String(retryAfterSeconds),
  });
}

export function tillOf(request: TillRequest): Till {
  if (!request.till) throw new Error('till missing: route is not guarded');
  return request.till;
}
