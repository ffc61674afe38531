import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import {
  isResetTokenValid,
  PasswordHasher,
  requestPasswordReset,
  resetPassword,
  RESET_TOKEN_MINUTES,
  type ResetPasswordResult,
} from '@kk/identity';
import type { EmailOutbox } from '@kk/notifications';
import type { TenantConfig } from '@kk/tenancy';
import type { Locale } from '@kk/web-kit';

export interface MailContext {
  readonly baseUrl: string;
  readonly locale: Locale;
}

/**
 * "Glemt adgangskode": the reset token and its emails, one tenant transaction per call. Each
 * email is queued in that transaction (EmailOutbox) and the worker sends it after the commit,
 * so no email is lost to a crash and none goes out for a change that rolled back.
 */
export class PasswordResetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly outbox: EmailOutbox,
  ) {}

  /**
   * Resolves once the request is stored; the email is sent by the worker afterwards, so the
   * answer never waits for SMTP, whether or not the address has a login (OWASP: no
   * enumeration). An unknown address queues nothing.
   */
  async request(tenant: TenantConfig, email: string, mail: MailContext): Promise<void> {
    await inTenant(this.dataSource, tenant.slug, async (tx) => {
      const reset = await requestPasswordReset(tx, email);
      if (!reset.token) return;
      await this.outbox.enqueue(tx, tenant, email.trim().toLowerCase(), 'password-reset', mail.locale, {
        resetUrl: `${mail.baseUrl}/nulstil?token=${encodeURIComponent(reset.token)}`,
        expiresInMinutes: RESET_TOKEN_MINUTES,
      });
    });
  }

  isValid(tenant: TenantConfig, token: string): Promise<boolean> {
    return inTenant(this.dataSource, tenant.slug, (tx) => isResetTokenValid(tx, token));
  }

  /** Sets the password (ending every session of the login) and tells the owner by email. */
  async reset(
    tenant: TenantConfig,
    token: string,
    password: { password: string; passwordRepeat: string },
    mail: MailContext,
  ): Promise<ResetPasswordResult> {
    return inTenant(this.dataSource, tenant.slug, async (tx) => {
      const done = await resetPassword(tx, this.hasher, token, password.password, password.passwordRepeat);
      if (done.ok && done.email) {
        await this.outbox.enqueue(tx, tenant, done.email, 'password-changed', mail.locale, {
          changedAt: new Date(),
          resetUrl: `${mail.baseUrl}/glemt-adgangskode`,
        });
      }
      return done;
    });
  }
}
