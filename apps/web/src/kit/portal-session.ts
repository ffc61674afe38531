import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import type Redis from 'ioredis';
import type { LoginId, SessionStamp } from '@kk/identity';
import type { TenantId } from '@kk/tenancy';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in login, bound to the tenant whose host issued the session. */
    loginId?: string;
    tenantId?: string;
    /** The login's sessions_valid_after and the database's clock at sign-in (epoch ms). */
    validAfter?: number;
    signedInAt?: number;
  }
}

/** The session cookie's name: `__Host-` where it is Secure, so no sibling host can set it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-kk.sid' : 'kk.sid';
}

/** ASVS 7.3.1: an idle session ends after 30 minutes (the absolute 8 hours: SESSION_MAX_HOURS). */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;

export interface PortalSessionOptions {
  readonly redis: Redis;
  readonly secret: string;
  /** Secure (and `__Host-`) cookies wherever the public origin is https. */
  readonly secureCookies: boolean;
}

/**
 * Server-side sessions in Redis, made only when there is something to keep (a sign-in, a
 * sign-up or MitID login under way): an anonymous page view stores nothing (its CSRF token
 * lives in a cookie, see csrf.ts). The cookie is host-only, so a session issued on one
 * tenant's host is never sent to another's; the validity check also compares the tenant.
 */
export function portalSession(options: PortalSessionOptions): RequestHandler {
  return session({
    name: sessionCookieName(options.secureCookies),
    store: new RedisStore({ client: options.redis, prefix: 'kk:sess:' }),
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, path: '/', maxAge: IDLE_TIMEOUT_MS },
  });
}

/** A fresh session id (no fixation) holding only what `fill` puts in it; saved before the response. */
export function regenerateSession(req: Request, fill: (session: Request['session']) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error: unknown) => {
      if (error) return reject(asError(error));
      fill(req.session);
      req.session.save((saveError: unknown) => (saveError ? reject(asError(saveError)) : resolve()));
    });
  });
}

/** Signs the login in: a new session carrying only the login, its tenant and its stamp. */
export function startSignedInSession(
  req: Request,
  tenantId: TenantId,
  signedIn: { readonly loginId: LoginId; readonly stamp: SessionStamp },
): Promise<void> {
  return regenerateSession(req, (s) => {
    s.loginId = signedIn.loginId;
    s.tenantId = tenantId;
    s.validAfter = signedIn.stamp.validAfter.getTime();
    s.signedInAt = signedIn.stamp.signedInAt.getTime();
  });
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error('the session store failed');
}

export function endSession(req: Request): Promise<void> {
  return new Promise((resolve) => {
    if (!req.session) return resolve();
    req.session.destroy(() => resolve());
  });
}

/**
 * Whether the session holds anything worth a CSRF binding (see csrf.ts): a sign-in, or a
 * flow's state under way (a MitID login, a sign-up, a second factor). Whatever a feature
 * keeps counts, so a new flow's state is bound without being listed here; the cookie's own
 * settings are no state.
 */
export function hasSessionState(req: Request): boolean {
  const s = req.session;
  return Boolean(s && Object.keys(s).some((key) => key !== 'cookie'));
}
