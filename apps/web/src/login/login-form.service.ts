import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { PasswordSignIn } from '@kk/identity';
import { SecurityEventLog, startSignedInSession, type PageContext } from '../kit';
import { startSecondFactor } from './second-factor-session';

/**
 * What the login form's answer (EmailPasswordStrategy's PasswordSignIn) does beyond the
 * page: the signed-in session or the second factor's pending one, and the security log.
 */
@Injectable()
export class LoginFormService {
  constructor(private readonly events: SecurityEventLog) {}

  async answer(
    req: Request,
    page: PageContext,
    signIn: PasswordSignIn,
    form: { readonly email: string; readonly next: string },
  ): Promise<PasswordSignIn> {
    if (signIn.kind === 'refused') {
      this.events.record('login.failed', { ...page.audit, email: form.email, reason: signIn.reason });
    } else if (signIn.kind === 'secondFactor') {
      await startSecondFactor(req, { tenantId: page.tenant.slug, loginId: signIn.loginId, next: form.next });
    } else {
      await startSignedInSession(req, page.tenant.slug, signIn);
      this.events.record('login.succeeded', { ...page.audit, login: signIn.loginId });
    }
    return signIn;
  }
}
