import type { Locale } from '@kk/tenancy';
import { renderEmail, type EmailData, type EmailKind, type EmailTenant } from './email-templates';
import { tenantSender, type Mailer } from './mailer';

export type SenderTenant = EmailTenant & { readonly hosts: readonly string[] };

/** Renders a tenant's email and sends it from the tenant's own address. */
export class EmailSender {
  /** `mailerFor(from)`: e.g. `(from) => smtpMailer.withSender(from)`, or a fake in tests. */
  constructor(private readonly mailerFor: (from: string) => Mailer) {}

  async send<K extends EmailKind>(
    tenant: SenderTenant,
    to: string,
    kind: K,
    locale: Locale,
    data: EmailData[K],
  ): Promise<void> {
    const email = renderEmail(kind, locale, tenant, data);
    await this.mailerFor(tenantSender(tenant)).send({ to, ...email });
  }
}
