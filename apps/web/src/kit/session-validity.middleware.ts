import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { loginIdOf, LoginSessionsService } from '@kk/identity';
import { findCurrentTenant } from '@kk/tenancy';
import { endSession } from './portal-session';
import { SecurityEventLog } from './security-event-log';
import { safeNext } from './sign-in-required';

/**
 * Every request of a signed-in session, public pages and logout included, first asks the
 * database whether the session still stands: not past the absolute timeout (by the
 * database's clock), not ended by a password reset or "log out everywhere", the login not
 * disabled, and issued by this host's tenant. If not, the session ends and the browser goes
 * to the login page: a stale cookie never reaches a handler, so it can never cause a 500.
 */
@Injectable()
export class SessionValidityMiddleware implements NestMiddleware {
  constructor(
    private readonly sessions: LoginSessionsService,
    private readonly events: SecurityEventLog,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const s = req.session;
    if (!s?.loginId) return next();
    const tenant = findCurrentTenant(req);
    const valid =
      tenant !== undefined &&
      s.tenantId === tenant.slug &&
      s.validAfter !== undefined &&
      s.signedInAt !== undefined &&
      (await this.sessions.isValid(
        { tenantId: tenant.slug, loginId: loginIdOf(s.loginId) },
        new Date(s.validAfter),
        new Date(s.signedInAt),
      ));
    if (valid) return next();
    this.events.record('session.expired', { tenant: tenant?.slug ?? '-', login: s.loginId, ip: req.ip });
    await endSession(req);
    const back = req.method === 'GET' ? `&next=${encodeURIComponent(safeNext(req.originalUrl))}` : '';
    res.redirect(303, `/login?udloebet=1${back}`);
  }
}
