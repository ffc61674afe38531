import type { DataSource } from 'typeorm';
import type { CprCipher } from '@kk/cardholders';
import { inTenant, type TenantTx } from '@kk/database';
import {
  completeSignup,
  confirmStudent,
  resumeSignup,
  startSignup,
  verifyActivationCode,
  stampSession,
  type SessionStamp,
  type CompleteSignupResult,
  type ConfirmStudentResult,
  type IdentityFailure,
  type ResumeSignupResult,
  type StartSignupResult,
  type VerifyActivationCodeResult,
  PasswordHasher,
} from '@kk/identity';
import type { EmailOutbox } from '@kk/notifications';
import type { TenantConfig } from '@kk/tenancy';
import type { Locale } from '@kk/web-kit';

/**
 * Step 2's answer: an email was queued (the code, or to an address that already has a login
 * the notice; the page must not tell which), or the lib refused.
 */
export type ConfirmStudentOutcome = { ok: true; alreadyRegistered: boolean } | IdentityFailure;

type StepTwoEmail = Exclude<ConfirmStudentResult, IdentityFailure>;

/**
 * The portal's door to the email sign-up: one tenant transaction per step (committed even
 * when the lib answers a failure, so its attempt counters stick), and the activation email,
 * queued in the step's transaction and sent by the worker.
 */
export class SignupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CprCipher,
    private readonly hasher: PasswordHasher,
    private readonly outbox: EmailOutbox,
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
    return inTenant(this.dataSource, tenant.slug, async (tx) => {
      const result = await confirmStudent(tx, signupId, { ...student, cardNumberRule: tenant.cardNumber });
      if (!result.ok) return result;
      await this.queueStepTwoEmail(tx, tenant, result, mail);
      return { ok: true, alreadyRegistered: result.kind === 'alreadyRegistered' };
    });
  }

  // Either email is one outbox row in the step's transaction, so both answers take as long;
  // the worker sends it (and retries) after the commit.
  private async queueStepTwoEmail(
    tx: TenantTx,
    tenant: TenantConfig,
    result: StepTwoEmail,
    mail: { baseUrl: string; locale: Locale },
  ): Promise<void> {
    if (result.kind === 'alreadyRegistered') {
      await this.outbox.enqueue(tx, tenant, result.email, 'signup-attempted', mail.locale, {
        loginUrl: `${mail.baseUrl}/login`,
        resetUrl: `${mail.baseUrl}/glemt-adgangskode`,
      });
      return;
    }
    await this.outbox.enqueue(tx, tenant, result.email, 'activation-code', mail.locale, {
      code: result.activationCode,
      continueUrl: `${mail.baseUrl}/opret/fortsaet?token=${encodeURIComponent(result.resumeToken)}`,
      expiresInMinutes: Math.max(1, Math.round((result.expiresAt.getTime() - Date.now()) / 60_000)),
    });
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
