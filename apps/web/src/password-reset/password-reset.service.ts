import { Logger } from '@nestjs/common';
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
import type { EmailSender } from '@kk/notifications';
import type { TenantConfig } from '@kk/tenancy';
import type { Locale } from '@kk/web-kit';

export interface MailContext {
  readonly baseUrl: string;
  readonly locale: Locale;
}

/** "Glemt adgangskode": the reset token and its emails, one tenant transaction per call. */
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly mail: EmailSender,
  ) {}

  /**
   * Resolves once the request is stored; the email goes out after that, unawaited, so the
   * answer takes as long whether or not the address has a login (OWASP: no enumeration).
   */
  async request(tenant: TenantConfig, email: string, mail: MailContext): Promise<void> {
    const reset = await inTenant(this.dataSource, tenant.slug, (tx) => requestPasswordReset(tx, email));
    if (!reset.token) return;
    const resetUrl = `${mail.baseUrl}/nulstil?token=${encodeURIComponent(reset.token)}`;
    const address = email.trim().toLowerCase();
    this.sendLater(() =>
      this.mail.send(tenant, address, 'password-reset', mail.locale, {
        resetUrl,
        expiresInMinutes: RESET_TOKEN_MINUTES,
      }),
    );
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
    const result = await inTenant(this.dataSource, tenant.slug, async (tx) => {
      const done = await resetPassword(tx, this.hasher, token, password.password, password.passwordRepeat);
      if (!done.ok) return { done };
      const rows = await tx.query<{ email: string | null }>(
        'SELECT email FROM logins WHERE tenant_id = $1 AND id = $2',
        [tx.tenantId, done.loginId],
      );
      return { done, email: rows[0]?.email ?? undefined };
    });
    const email = result.email;
    if (result.done.ok && email) {
      this.sendLater(() =>
        this.mail.send(tenant, email, 'password-changed', mail.locale, {
          changedAt: new Date(),
          resetUrl: `${mail.baseUrl}/glemt-adgangskode`,
        }),
      );
    }
    return result.done;
  }

  private sendLater(send: () => Promise<void>): void {
    setImmediate(() => {
      send().catch((error: unknown) => {
        // MailDeliveryError names the recipient's domain only; never the address or the link.
        this.logger.warn(`email not sent: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
  }
}
