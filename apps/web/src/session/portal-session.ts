import type { RequestHandler } from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import type Redis from 'ioredis';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in login, bound to the tenant whose host issued the session. */
    loginId?: string;
    tenantId?: string;
    /** When this signed-in session began, for the absolute timeout and "end other sessions". */
    startedAt?: number;
    locale?: 'da' | 'en';
  }
}

export const SESSION_COOKIE = 'kk.sid';
/** ASVS 7.3.1/7.3.2: an idle session ends after 30 minutes, any session after 8 hours. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60 * 1000;

export interface PortalSessionOptions {
  readonly redis: Redis;
  readonly secret: string;
  /** Secure cookies everywhere but plain-http development and tests. */
  readonly secureCookies: boolean;
}

/**
 * Server-side sessions in Redis. The cookie is host-only, so a session issued on one
 * tenant's host is never sent to another's; the guard also checks the stored tenant.
 */
export function portalSession(options: PortalSessionOptions): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    store: new RedisStore({ client: options.redis, prefix: 'kk:sess:' }),
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: IDLE_TIMEOUT_MS },
  });
}

/** Ends sessions past the absolute timeout, whatever their activity. */
export const absoluteTimeout: RequestHandler = (req, _res, next) => {
  const started = req.session?.startedAt;
  if (started !== undefined && Date.now() - started > ABSOLUTE_TIMEOUT_MS) {
    req.session.destroy(() => next());
    return;
  }
  next();
};

/** A fresh session id at login (no fixation), carrying only what the new session needs. */
export function startSignedInSession(
  req: Parameters<RequestHandler>[0],
  values: { loginId: string; tenantId: string },
): Promise<void> {
  const locale = req.session.locale;
  return new Promise((resolve, reject) => {
    req.session.regenerate((error: unknown) => {
      if (error) return reject(asError(error));
      req.session.loginId = values.loginId;
      req.session.tenantId = values.tenantId;
      req.session.startedAt = Date.now();
      if (locale) req.session.locale = locale;
      req.session.save((saveError: unknown) => (saveError ? reject(asError(saveError)) : resolve()));
    });
  });
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error('the session store failed');
}

export function endSession(req: Parameters<RequestHandler>[0]): Promise<void> {
  return new Promise((resolve) => req.session.destroy(() => resolve()));
}
