import { createHash } from 'node:crypto';
import {
  ArgumentsHost,
  Catch,
  Inject,
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
import { CprCipher } from '@kk/cardholders';
import { normalizeEmail } from '@kk/identity';
import { currentTenant } from '@kk/tenancy';
import { postedText } from './form';
import { PORTAL_REDIS, RATE_LIMIT_SETTINGS } from './kit-tokens';
import { portalView } from './layout';
import { pageContextOf } from './page-context';
import { SecurityEventLog } from './security-event-log';

/**
 * The limits on the forms anyone can post (ASVS 2.2.1), counted in Redis so every portal
 * process shares them, per tenant so one school's rush does not lock out another:
 * - sign-up steps (CPR+email, student, password): 30 per IP per 15 min: a whole sign-up
 *   is 4 posts, a school's parents may share one NAT address at a meeting;
 * - activation code: 10 per IP per 15 min (on top of the lib's 5 wrong codes per sign-up);
 * - "Glemt adgangskode": 10 per IP per 15 min, and 3 per email address per hour, so nobody
 *   floods one inbox. Counted whether or not the address has a login (it tells nothing).
 * - login: 30 per IP per 15 min, and 4 failures per email address, counted for every address. Fixed
 *   windows let at most 8 tries through in any 15 minutes, below the identity lib's lock
 *   (10 failures in a 15-minute streak), so a stranger cannot lock a parent out.
 * - "Tilføj konto": 20 per IP and 10 per login per 15 min, and 5 per target CPR per hour
 *   (across logins): every wrong pair answers alike, but nobody may try card numbers for a
 *   known CPR at speed.
 * - the MitID CPR step: 20 posts per IP per 15 min (wrong numbers have their own counters,
 *   see oidc/cpr-guess-limits.ts); the MitID button: 120 per IP per 15 min, since each
 *   start keeps a short session for the broker's state.
 * - the code after the password (two-factor sign-in): 30 per IP, and 10 wrong codes per
 *   login per 15 min across sessions (each session also ends after 5 wrong ones).
 * - the statement's CSV and PDF: 30 per login per 15 min. Five years of movements take a
 *   PDF a second or more of the portal's CPU, so no login may ask for them in a loop.
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
  readonly relationPerLogin: number;
  readonly relationPerTargetCpr: number;
  readonly cprPerIp: number;
  readonly oidcStartPerIp: number;
  readonly secondFactorPerIp: number;
  readonly secondFactorPerLogin: number;
  readonly statementFilePerLogin: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  signupPerIp: 30,
  activationPerIp: 10,
  forgotPerIp: 10,
  forgotPerEmail: 3,
  loginPerIp: 30,
  loginPerEmail: 4,
  relationPerIp: 20,
  relationPerLogin: 10,
  relationPerTargetCpr: 5,
  cprPerIp: 20,
  oidcStartPerIp: 120,
  secondFactorPerIp: 30,
  secondFactorPerLogin: 10,
  statementFilePerLogin: 30,
};

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ONE_HOUR = 60 * 60 * 1000;

export type RateLimitName =
  'signup' | 'activation' | 'forgot' | 'login' | 'relation' | 'cpr' | 'oidcStart' | 'secondFactor' | 'statementFile';

const RATE_LIMIT_KEY = 'kk:rateLimit';
/** Marks a handler as counted by the named limits. */
export const RateLimit = (name: RateLimitName): MethodDecorator => SetMetadata(RATE_LIMIT_KEY, name);

/** Thrown by the guard; RateLimitedFilter answers it with the Danish 429 page. */
export class RateLimited extends Error {
  constructor(readonly limit: string) {
    super(`rate limit ${limit}`);
  }
}

function byIp(req: Request): string {
  return `${currentTenant(req).slug}:${ipKeyGenerator(req.ip ?? '')}`;
}

// The address is hashed: Redis keys should not be a list of who asked for a reset.
function byEmail(req: Request): string {
  const normalized = normalizeEmail(postedText(req.body, 'email'));
  return `${currentTenant(req).slug}:${createHash('sha256').update(normalized).digest('base64url')}`;
}

// The login between password and code (login/second-factor-session.ts keeps it in the session).
function byPendingLogin(req: Request): string {
  return `${currentTenant(req).slug}:${req.session?.mfaPending?.loginId ?? 'none'}`;
}

function byLogin(req: Request): string {
  return `${currentTenant(req).slug}:${req.session?.loginId ?? 'none'}`;
}

/**
 * The express-rate-limit middlewares, built once (it warns about limiters made per request)
 * and only when a limited form is first posted: a Redis store loads its script as it is
 * made, and a portal that stops before anyone posts would otherwise cut that load short.
 */
@Injectable()
export class RateLimiters {
  private limiters?: Record<RateLimitName, RequestHandler[]>;
  private readonly limits: RateLimitSettings;

  constructor(
    @Inject(PORTAL_REDIS) private readonly redis: Redis,
    private readonly cprCipher: CprCipher,
    @Inject(RATE_LIMIT_SETTINGS) overrides: Partial<RateLimitSettings>,
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
    const make = (
      name: string,
      windowMs: number,
      limit: number,
      keyGenerator: (req: Request) => string,
      countOnlyFailures = false,
    ) =>
      rateLimit({
        windowMs,
        limit,
        keyGenerator,
        // A parent's successful login must not use up the per-email budget for failures.
        skipSuccessfulRequests: countOnlyFailures,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        // Made on the first limited post on purpose (see above), which this check would flag.
        validate: { creationStack: false },
        store: new RedisStore({
          prefix: `kk:rl:${name}:`,
          sendCommand: (command: string, ...args: string[]) => this.redis.call(command, ...args) as Promise<RedisReply>,
        }),
        handler: (_req, _res, next) => next(new RateLimited(name)),
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
        make('login-email', FIFTEEN_MINUTES, this.limits.loginPerEmail, byEmail, true),
      ],
      relation: [
        make('relation', FIFTEEN_MINUTES, this.limits.relationPerIp, byIp),
        make('relation-login', FIFTEEN_MINUTES, this.limits.relationPerLogin, byLogin),
        make('relation-cpr', ONE_HOUR, this.limits.relationPerTargetCpr, (req) => this.byTargetCpr(req)),
      ],
      cpr: [make('cpr', FIFTEEN_MINUTES, this.limits.cprPerIp, byIp)],
      oidcStart: [make('oidc-start', FIFTEEN_MINUTES, this.limits.oidcStartPerIp, byIp)],
      // Across sessions: a new password sign-in does not buy a login fresh guesses at its code.
      secondFactor: [
        make('second-factor', FIFTEEN_MINUTES, this.limits.secondFactorPerIp, byIp),
        make('second-factor-login', FIFTEEN_MINUTES, this.limits.secondFactorPerLogin, byPendingLogin, true),
      ],
      statementFile: [make('statement-file', FIFTEEN_MINUTES, this.limits.statementFilePerLogin, byLogin)],
    };
  }

  // The target person of a CPR form, by the CPR's blind index: never the CPR itself in a Redis key.
  private byTargetCpr(req: Request): string {
    const typed = postedText(req.body, 'cpr').replace(/[\s-]/g, '');
    const key = /^\d{10}$/.test(typed) ? this.cprCipher.blindIndex(typed).toString('base64url') : 'malformed';
    return `${currentTenant(req).slug}:${key}`;
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
@Injectable()
export class RateLimitedFilter implements ExceptionFilter {
  constructor(private readonly events: SecurityEventLog) {}

  catch(error: RateLimited, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const page = pageContextOf(http.getRequest<Request>());
    this.events.record('rate_limit.refused', { ...page.audit, reason: error.limit });
    http
      .getResponse<Response>()
      .status(429)
      .render('signup/too-many-requests', portalView(page, 'rateLimit.title', {}));
  }
}
