import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import { loginIdOf, type LoginId, type TenantCaller } from '../identity-caller';
import { identityFailure, type IdentityFailure } from '../identity-messages';
import { LoginsRepository } from '../logins/logins.repository';
import {
  hashActivationCode,
  hashesEqual,
  hashToken,
  isActivationCodeShape,
  normalizeActivationCode,
} from '../one-time-token';
import { PasswordHasher } from '../password-hasher';
import { checkPassword } from '../password-policy';
import { LoginAccessRepository } from '../relations/login-access.repository';
import type { SignupStep } from '../entities/signup.entity';
import { LoginSessionsService, type SessionStamp } from '../sessions/login-sessions.service';
import { SIGNUP_MAX_ATTEMPTS, SignupsRepository } from './signups.repository';

/**
 * Email sign-up, the second half (seed 000 steps 5-7): the activation code, then the
 * password, then the login exists. Unlike the seed's portal, closing the tab loses
 * nothing: the email's resume link (resume) finds the sign-up again in any browser.
 */
export type VerifyActivationCodeResult = { readonly ok: true } | IdentityFailure;

export type ResumeSignupResult =
  | {
      readonly ok: true;
      readonly signupId: string;
      /** Where to continue: enter the code, or choose the password. */
      readonly step: Exclude<SignupStep, 'completed'>;
      readonly email: string;
    }
  | IdentityFailure;

/** The login exists once this answers ok, with the stamp of the session that signs it in. */
export type CompleteSignupResult =
  { readonly ok: true; readonly loginId: LoginId; readonly stamp: SessionStamp } | IdentityFailure;

@Injectable()
export class SignupActivationService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly hasher: PasswordHasher,
    private readonly signups: SignupsRepository,
    private readonly logins: LoginsRepository,
    private readonly access: LoginAccessRepository,
    private readonly sessions: LoginSessionsService,
  ) {}

  /** Single use, 30 minutes, 5 wrong tries; then the sign-up must start over. */
  verifyCode(caller: TenantCaller, signupId: string, code: string): Promise<VerifyActivationCodeResult> {
    return this.transactions.run(caller.tenantId, async () => {
      const signup = await this.signups.lock(signupId);
      if (!signup || signup.step === 'details') return identityFailure('form', 'signupNotFound');
      if (signup.step === 'password' || signup.step === 'completed') return identityFailure('code', 'codeUsed');
      if (!signup.live) return identityFailure('code', 'codeExpired');
      if (signup.codeAttempts >= SIGNUP_MAX_ATTEMPTS || !signup.activationCodeHash) {
        return identityFailure('form', 'tooManyAttempts');
      }
      const typed = normalizeActivationCode(code);
      if (!isActivationCodeShape(typed)) return identityFailure('code', 'codeFormat');

      if (!hashesEqual(hashActivationCode(signup.id, typed), signup.activationCodeHash)) {
        const attempts = await this.signups.countAttempt(signup.id, 'codeAttempts');
        if (attempts < SIGNUP_MAX_ATTEMPTS) return identityFailure('code', 'codeWrong');
        // Spent: no code verifies any more, whatever is tried next.
        await this.signups.spendCode(signup.id);
        return identityFailure('form', 'tooManyAttempts');
      }

      await this.signups.awaitPassword(signup.id);
      return { ok: true };
    });
  }

  /**
   * The link in the activation email. It only finds the sign-up again; the code must still
   * be entered at the activation step, so the link alone proves nothing new.
   */
  resume(caller: TenantCaller, token: string): Promise<ResumeSignupResult> {
    return this.transactions.run(caller.tenantId, async () => {
      const signup = await this.signups.liveByResumeToken(hashToken(token));
      if (!signup) return identityFailure('token', 'signupNotFound');
      return { ok: true, signupId: signup.id, step: signup.step, email: signup.email };
    });
  }

  /** Creates the login with 'self' access to the student; the caller may sign it in at once with the stamp. */
  complete(
    caller: TenantCaller,
    signupId: string,
    password: string,
    passwordRepeat: string,
  ): Promise<CompleteSignupResult> {
    return this.transactions.run(caller.tenantId, async () => {
      const signup = await this.signups.lock(signupId);
      if (signup?.step === 'completed') return identityFailure('form', 'signupCompleted');
      if (!signup || !signup.live || !signup.cardholderId) return identityFailure('form', 'signupNotFound');
      if (signup.step !== 'password') return identityFailure('code', 'codeRequired');

      const policy = checkPassword(password, { email: signup.email });
      if (!policy.ok) return policy;
      if (password !== passwordRepeat) return identityFailure('passwordRepeat', 'passwordsDiffer');

      // The email may have got a login since step 1 (another sign-up finished first).
      const created = await this.logins.createWithPassword(signup.email, await this.hasher.hash(password));
      if (!created) return identityFailure('form', 'emailTaken');
      const loginId = loginIdOf(created);

      await this.access.grant(loginId, signup.cardholderId, 'self');
      await this.signups.complete(signup.id, loginId);
      const stamp = await this.sessions.stamp({ tenantId: caller.tenantId, loginId });
      return { ok: true, loginId, stamp };
    });
  }
}
