import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { CprCipher } from '@kk/cardholders';
import { inTenant } from '@kk/database';
import {
  completeSignup,
  confirmStudent,
  resumeSignup,
  startSignup,
  verifyActivationCode,
  stampSession,
  type SessionStamp,
  type CompleteSignupResult,
  type IdentityFailure,
  type ResumeSignupResult,
  type StartSignupResult,
  type VerifyActivationCodeResult,
  PasswordHasher,
} from '@kk/identity';
import type { EmailSender } from '@kk/notifications';
import type { TenantConfig } from '@kk/tenancy';
import type { Locale } from '@kk/web-kit';

/**
 * Step 2's answer: an email went out (the code, or to an address that already has a login
 * the notice; the page must not tell which), the lib refused, or the email could not be sent.
 */
export type ConfirmStudentOutcome =
  { ok: true; alreadyRegistered: boolean } | IdentityFailure | { ok: false; mailFailed: true };

/**
 * The portal's door to the email sign-up: one tenant transaction per step (committed even
 * when the lib answers a failure, so its attempt counters stick), and the activation email.
 */
export class SignupService {
  private readonly logger = new Logger(SignupService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CprCipher,
    private readonly hasher: PasswordHasher,
    private readonly mail: EmailSender,
  ) {}

  start(tenant: TenantConfig, cpr: string, email: string): Promise<StartSignupResult> {
    return inTenant(this.dataSource, tenant.slug, (tx) => startSignup(tx, this.cipher, { cpr, email }));
  }

  async confirmStudent(
    tenant: TenantConfig,
    signupId: string,
    student: { name: string; cardNumber: string },
    mail: { baseUrl: string; locale: Locale },
  ): Promise<ConfirmStudentOutcome> {
    const result = await inTenant(this.dataSource, tenant.slug, (tx) =>
      confirmStudent(tx, signupId, { ...student, cardNumberRule: tenant.cardNumber }),
    );
    if (!result.ok) return result;
    const minutes = Math.max(1, Math.round((result.expiresAt.getTime() - Date.now()) / 60_000));
    try {
      // Either email is sent before the page answers, so both take as long.
      if (result.kind === 'alreadyRegistered') {
        await this.mail.send(tenant, result.email, 'signup-attempted', mail.locale, {
          loginUrl: `${mail.baseUrl}/login`,
          resetUrl: `${mail.baseUrl}/glemt-adgangskode`,
        });
        return { ok: true, alreadyRegistered: true };
      }
      await this.mail.send(tenant, result.email, 'activation-code', mail.locale, {
        code: result.activationCode,
        continueUrl: `${mail.baseUrl}/opret/fortsaet?token=${encodeURIComponent(result.resumeToken)}`,
        expiresInMinutes: minutes,
      });
      return { ok: true, alreadyRegistered: false };
    } catch (error) {
      // The step can be posted again: the lib then issues a fresh code and link.
      this.logger.warn(`activation email not sent: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, mailFailed: true };
    }
  }

  verifyCode(tenant: TenantConfig, signupId: string, code: string): Promise<VerifyActivationCodeResult> {
    return inTenant(this.dataSource, tenant.slug, (tx) => verifyActivationCode(tx, signupId, code));
  }

  resume(tenant: TenantConfig, token: string): Promise<ResumeSignupResult> {
    return inTenant(this.dataSource, tenant.slug, (tx) => resumeSignup(tx, token));
  }

  /** The login exists once this answers ok, with the stamp of the session that signs it in. */
  complete(
    tenant: TenantConfig,
    signupId: string,
    password: string,
    passwordRepeat: string,
  ): Promise<Exclude<CompleteSignupResult, { ok: true }> | { ok: true; loginId: string; stamp: SessionStamp }> {
    return inTenant(this.dataSource, tenant.slug, async (tx) => {
      const done = await completeSignup(tx, this.hasher, signupId, password, passwordRepeat);
      if (!done.ok) return done;
      return { ok: true, loginId: done.loginId, stamp: await stampSession(tx, done.loginId) };
    });
  }
}
