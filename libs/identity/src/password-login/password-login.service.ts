import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import { loginIdOf, type LoginId, type TenantCaller } from '../identity-caller';
import { normalizeEmail } from '../identity-inputs';
import { identityFailure, type IdentityFailure } from '../identity-messages';
import { LoginsRepository } from '../logins/logins.repository';
import { PasswordHasher } from '../password-hasher';
import { PASSWORD_MAX_LENGTH, passwordLength } from '../password-policy';
import { LoginSessionsService, type SessionStamp } from '../sessions/login-sessions.service';
import { TwoFactorService } from '../totp/two-factor.service';

/**
 * After this many wrong passwords within one streak of LOCK_MINUTES, the login is locked
 * for LOCK_MINUTES. A streak starts with the first failure and ends when it is older than
 * LOCK_MINUTES or the lock expires: then the count starts over. The web's per-email rate
 * limit (at most 4 tries per 15 minutes, so at most 8 in any 15-minute span across its
 * fixed windows) fires long before this, so a stranger cannot lock a parent out; the lock
 * is the last line when Redis, and with it the rate limit, is gone.
 * A right password or a password reset resets the count.
 */
export const MAX_FAILED_LOGINS = 10;
export const LOCK_MINUTES = 15;

export type PasswordLoginResult =
  | {
      readonly ok: true;
      readonly loginId: LoginId;
      /** Keep it in the session; LoginSessionsService.isValid compares it with the login's current value. */
      readonly sessionsValidAfter: Date;
    }
  | (IdentityFailure & {
      /** For the security log only: the person is told 'invalid' in every case. */
      readonly reason: 'invalid' | 'locked' | 'disabled';
    });

/** What the login form does next. */
export type PasswordSignIn =
  | { readonly kind: 'signedIn'; readonly loginId: LoginId; readonly stamp: SessionStamp }
  /** The password was right; the login asks a code from its app before it is signed in. */
  | { readonly kind: 'secondFactor'; readonly loginId: LoginId }
  | { readonly kind: 'refused'; readonly message: string; readonly reason: 'invalid' | 'locked' | 'disabled' };

/** Email + password sign-in, with its lock-out. */
@Injectable()
export class PasswordLoginService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly hasher: PasswordHasher,
    private readonly logins: LoginsRepository,
    private readonly sessions: LoginSessionsService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /**
   * One answer for an unknown email, a wrong password, a locked and a disabled login: the
   * same text, after the same password verification (a locked login still verifies, and even
   * its right password answers "wrong"), so neither text, status nor timing tells which.
   */
  login(caller: TenantCaller, email: string, password: string): Promise<PasswordLoginResult> {
    const refused = (reason: 'invalid' | 'locked' | 'disabled') =>
      ({ ...identityFailure('form', 'loginFailed'), reason }) as const;
    return this.transactions.run(caller.tenantId, async () => {
      const login = await this.logins.forPasswordCheck(normalizeEmail(email));
      // No stored password can be longer than the policy allows; don't hash megabytes for it.
      const plausible = passwordLength(password) <= PASSWORD_MAX_LENGTH;
      if (!login?.passwordHash || !plausible) {
        await this.hasher.dummyVerify(plausible ? password : '');
        return refused('invalid');
      }

      const verified = await this.hasher.verify(login.passwordHash, password);
      if (login.locked) return refused('locked');
      if (!verified) {
        const locked = await this.logins.countFailure(login.id, {
          maxFailures: MAX_FAILED_LOGINS,
          lockMinutes: LOCK_MINUTES,
        });
        return refused(locked ? 'locked' : 'invalid');
      }
      if (login.disabled) return refused('disabled');

      const rehash = this.hasher.needsRehash(login.passwordHash) ? await this.hasher.hash(password) : null;
      await this.logins.clearFailures(login.id, rehash);
      return { ok: true, loginId: loginIdOf(login.id), sessionsValidAfter: login.sessionsValidAfter };
    });
  }

  /** The login form: the password, then either the second factor or a signed-in session's stamp. One transaction. */
  signIn(caller: TenantCaller, email: string, password: string): Promise<PasswordSignIn> {
    return this.transactions.run(caller.tenantId, async () => {
      const result = await this.login(caller, email, password);
      if (!result.ok) return { kind: 'refused', message: result.message, reason: result.reason };
      const login = { tenantId: caller.tenantId, loginId: result.loginId };
      if ((await this.twoFactor.state(login)) === 'on') return { kind: 'secondFactor', loginId: result.loginId };
      return { kind: 'signedIn', loginId: result.loginId, stamp: await this.sessions.stamp(login) };
    });
  }
}
