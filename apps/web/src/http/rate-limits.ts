import { createHash } from 'node:crypto';
import {
  ArgumentsHost,
  Catch,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type Redis from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { normalizeEmail } from '@kk/identity';
import { currentTenant } from '@kk/tenancy';
import { pageContext } from '../portal/page-context';
import { portalView } from '../portal/portal-views';

/**
 * The limits on the forms anyone can post (ASVS 2.2.1), counted in Redis so every portal
 * process shares them, per tenant so one school's rush does not lock out another:
 * - sign-up steps (CPR+email, student, password): 30 per IP per 15 min: a whole sign-up
 *   is 4 posts, a school's parents may share one NAT address at a meeting;
 * - activation code: 10 per IP per 15 min (on top of the lib's 5 wrong codes per sign-up);
 * - "Glemt adgangskode": 10 per IP per 15 min, and 3 per email address per hour, so nobody
 *   floods one inbox. Counted whether or not the address has a login (it tells nothing).
 * - login: 30 per IP and 10 per email address per 15 min, counted for every address, so the
 *   10-failure lockout of a real login (identity lib) never answers differently from an
 *   address without one.
 * - "Tilføj konto": 20 per IP per 15 min; every wrong pair answers alike, but a signed-in
 *   user who knows a CPR must not be able to try card numbers for it at speed.
 * The reset form itself (/nulstil) needs a 256-bit token and is not limited.
 */
export interface RateLimitSettings {
  readonly signupPerIp: number;
  readonly activationPerIp: number;
  readonly forgotPerIp: number;
  readonly forgotPerEmail: number;
  readonly loginPerIp: number;
  readonly loginPerEmail: number;
  readonly relationPerIp: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  signupPerIp: 30,
  activationPerIp: 10,
  forgotPerIp: 10,
  forgotPerEmail: 3,
  loginPerIp: 30,
  loginPerEmail: 10,
  relationPerIp: 20,
};

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ONE_HOUR = 60 * 60 * 1000;

export type RateLimitName = 'signup' | 'activation' | 'forgot' | 'login' | 'relation';

const RATE_LIMIT_KEY = 'kk:rateLimit';
/** Marks a handler as counted by the named limits. */
export const RateLimit = (name: RateLimitName): MethodDecorator => SetMetadata(RATE_LIMIT_KEY, name);

/** Thrown by the guard; RateLimitedFilter answers it with the Danish 429 page. */
export class RateLimited extends Error {}

function byIp(req: Request): string {
  return `${currentTenant(req).slug}:${ipKeyGenerator(req.ip ?? '')}`;
}

// The address is hashed: Redis keys should not be a list of who asked for a reset.
function byEmail(req: Request): string {
  const body: unknown = req.body;
  const email = typeof body === 'object' && body !== null ? (body as { email?: unknown }).email : undefined;
  const normalized = normalizeEmail(typeof email === 'string' ? email : '');
  return `${currentTenant(req).slug}:${createHash('sha256').update(normalized).digest('base64url')}`;
}

/**
 * The express-rate-limit middlewares, built once (it warns about limiters made per request)
 * and only when a limited form is first posted: a Redis store loads its script as it is
 * made, and a portal that stops before anyone posts would otherwise cut that load short.
 */
export class RateLimiters {
  private limiters?: Record<RateLimitName, RequestHandler[]>;
  private readonly limits: RateLimitSettings;

  constructor(
    private readonly redis: Redis,
    overrides: Partial<RateLimitSettings> = {},
  ) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  }

  async check(name: RateLimitName, req: Request, res: Response): Promise<void> {
    this.limiters ??= this.build();
    for (const limiter of this.limiters[name]) {
      await new Promise<void>((resolve, reject) => {
        void limiter(req, res, (error?: unknown) => (error ? reject(toError(error)) : resolve()));
      });
    }
  }

  private build(): Record<RateLimitName, RequestHandler[]> {
    const make = (name: string, windowMs: number, limit: number, keyGenerator: (req: Request) => string) =>
      rateLimit({
        windowMs,
        limit,
        keyGenerator,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        store: new RedisStore({
          prefix: `kk:rl:${name}:`,
          sendCommand: (command: string, ...args: string[]) => this.redis.call(command, ...args) as Promise<RedisReply>,
        }),
        handler: (_req, _res, next) => next(new RateLimited()),
      });
    return {
      signup: [make('signup', FIFTEEN_MINUTES, this.limits.signupPerIp, byIp)],
      activation: [make('activation', FIFTEEN_MINUTES, this.limits.activationPerIp, byIp)],
      forgot: [
        make('forgot-ip', FIFTEEN_MINUTES, this.limits.forgotPerIp, byIp),
        make('forgot-email', ONE_HOUR, this.limits.forgotPerEmail, byEmail),
      ],
      login: [
        make('login-ip', FIFTEEN_MINUTES, this.limits.loginPerIp, byIp),
        make('login-email', FIFTEEN_MINUTES, this.limits.loginPerEmail, byEmail),
      ],
      relation: [make('relation', FIFTEEN_MINUTES, this.limits.relationPerIp, byIp)],
    };
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs after the session and CSRF middleware, so a forged post is refused before it counts. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiters: RateLimiters,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.get<RateLimitName | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (name) {
      const http = context.switchToHttp();
      await this.limiters.check(name, http.getRequest<Request>(), http.getResponse<Response>());
    }
    return true;
  }
}

@Catch(RateLimited)
export class RateLimitedFilter implements ExceptionFilter {
  catch(_error: RateLimited, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const ctx = pageContext(http.getRequest<Request>());
    http
      .getResponse<Response>()
      .status(429)
      .render('signup/too-many-requests', portalView(ctx, 'rateLimit.title', {}));
  }
}
