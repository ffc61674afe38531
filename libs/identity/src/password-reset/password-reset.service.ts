import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import { EmailOutbox } from '@kk/notifications';
import { loginIdOf, type IdentityMail, type LoginId, type TenantCaller } from '../identity-caller';
import { checkEmail, normalizeEmail } from '../identity-inputs';
import { identityFailure, type IdentityFailure } from '../identity-messages';
import { LoginsRepository } from '../logins/logins.repository';
import { generateToken, hashToken } from '../one-time-token';
import { PasswordHasher } from '../password-hasher';
import { checkPassword } from '../password-policy';
import { LoginSessionsService } from '../sessions/login-sessions.service';
import { PasswordResetsRepository } from './password-resets.repository';

/**
 * "Glemt adgangskode" (OWASP Forgot Password cheat sheet): a random single-use token that
 * expires, stored hashed; the newest request is the only live one; using it sets the
 * password, ends every session and lifts a lockout. Each e-mail is queued in the step's
 * transaction (EmailOutbox) and the worker sends it after the commit, so no e-mail is lost
 * to a crash and none goes out for a change that rolled back.
 */
export const RESET_TOKEN_MINUTES = 30;

export interface PasswordResetRequest {
  /** Present only when the email has a login: what the "Nulstil adgangskode" e-mail links to. */
  readonly token?: string;
  readonly loginId?: string;
  readonly expiresAt?: Date;
}

export type ResetPasswordResult =
  | {
      readonly ok: true;
      readonly loginId: LoginId;
      /** The login's new value: a session started now with it stays valid. */
      readonly sessionsValidAfter: Date;
      /** Where the "password changed" notice goes (null for a login without one). */
      readonly email: string | null;
    }
  | IdentityFailure;

@Injectable()
export class PasswordResetService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly hasher: PasswordHasher,
    private readonly outbox: EmailOutbox,
    private readonly logins: LoginsRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly sessions: LoginSessionsService,
  ) {}

  /**
   * The request form: resolves once the token is stored and its e-mail queued, whether or not
   * the address has a login (OWASP: no enumeration), so the answer never waits for SMTP. An
   * unknown address queues nothing.
   */
  async request(caller: TenantCaller, email: string, mail: IdentityMail): Promise<void> {
    await this.transactions.run(caller.tenantId, async () => {
      const reset = await this.issueToken(caller, email);
      if (!reset.token) return;
      await this.outbox.enqueue(
        this.transactions.current(),
        mail.tenant,
        normalizeEmail(email),
        'password-reset',
        mail.locale,
        {
          resetUrl: `${mail.baseUrl}/nulstil?token=${encodeURIComponent(reset.token)}`,
          expiresInMinutes: RESET_TOKEN_MINUTES,
        },
      );
    });
  }

  /**
   * The token itself (request() e-mails it). Whoever calls this must answer the person the
   * same whether or not a token came back.
   */
  issueToken(caller: TenantCaller, email: string): Promise<PasswordResetRequest> {
    const checked = checkEmail(email);
    if (!checked.ok) return Promise.resolve({});
    return this.transactions.run(caller.tenantId, async () => {
      const loginId = await this.logins.enabledIdByEmail(checked.value);
      if (!loginId) return {};
      await this.resets.expireUnused(loginId);
      const token = generateToken();
      const expiresAt = await this.resets.create(loginId, hashToken(token), RESET_TOKEN_MINUTES);
      return { token, loginId, expiresAt };
    });
  }

  /** For showing the form only behind a live link; reset() checks again. */
  async isTokenValid(caller: TenantCaller, token: string): Promise<boolean> {
    const reset = await this.transactions.run(caller.tenantId, () => this.resets.findLive(hashToken(token), false));
    return reset !== undefined;
  }

  /** Sets the password (ending every session of the login) and, given `mail`, tells the owner by e-mail. */
  reset(
    caller: TenantCaller,
    token: string,
    password: string,
    passwordRepeat: string,
    mail?: IdentityMail,
  ): Promise<ResetPasswordResult> {
    return this.transactions.run(caller.tenantId, async () => {
      const reset = await this.resets.findLive(hashToken(token), true);
      if (!reset) return identityFailure('token', 'resetLinkInvalid');
      const policy = checkPassword(password, { email: reset.email ?? undefined });
      if (!policy.ok) return policy;
      if (password !== passwordRepeat) return identityFailure('passwordRepeat', 'passwordsDiffer');

      const loginId = loginIdOf(reset.loginId);
      await this.logins.setPassword(loginId, await this.hasher.hash(password));
      const sessionsValidAfter = await this.sessions.endAll({ tenantId: caller.tenantId, loginId });
      await this.resets.markUsed(reset.id);
      await this.resets.expireUnused(loginId);
      if (mail && reset.email) {
        await this.outbox.enqueue(
          this.transactions.current(),
          mail.tenant,
          reset.email,
          'password-changed',
          mail.locale,
          {
            changedAt: new Date(),
            resetUrl: `${mail.baseUrl}/glemt-adgangskode`,
          },
        );
      }
      return { ok: true, loginId, sessionsValidAfter, email: reset.email };
    });
  }
}
