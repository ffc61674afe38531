import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { TwoFactorService } from '@kk/identity';
import { SecurityEventLog, startSignedInSession, type PageContext } from '../kit';
import { pendingSecondFactor, recordSecondFactorMiss } from './second-factor-session';

/** How the code step ended: where the person goes next. */
export type SecondFactorOutcome =
  | { readonly kind: 'noPending' }
  | { readonly kind: 'signedIn'; readonly next: string }
  /** Too many wrong codes in this session: the password again. */
  | { readonly kind: 'startOver'; readonly next: string }
  | { readonly kind: 'wrongCode' };

/** The code after a right password: checked by the identity lib, counted here per session. */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly events: SecurityEventLog,
  ) {}

  async check(req: Request, page: PageContext, code: string): Promise<SecondFactorOutcome> {
    const pending = pendingSecondFactor(req, page.tenant.slug);
    if (!pending) return { kind: 'noPending' };
    const result = await this.twoFactor.signIn({ tenantId: page.tenant.slug, loginId: pending.loginId }, code);
    if ('stamp' in result) {
      await startSignedInSession(req, page.tenant.slug, { loginId: pending.loginId, stamp: result.stamp });
      this.events.record('login.succeeded', { ...page.audit, login: pending.loginId, mfa: true });
      return { kind: 'signedIn', next: pending.next };
    }
    const reason = result.ok ? 'unknown' : result.reason;
    this.events.record('login.mfa_failed', { ...page.audit, login: pending.loginId, reason });
    return recordSecondFactorMiss(req, pending) ? { kind: 'startOver', next: pending.next } : { kind: 'wrongCode' };
  }
}
