import type { Locale } from '@kk/texts';
import { renderEmail, type EmailData, type EmailKind, type EmailTenant } from './email-templates';
import { tenantSender, type EmailMessage, type Mailer } from './mailer';

export type SenderTenant = EmailTenant & { readonly hosts: readonly string[] };

/** A rendered email with its sender: everything an SMTP server needs, nothing to look up. */
export interface OutgoingEmail extends EmailMessage {
  readonly from: string;
}

/** Renders a tenant's email, from the tenant's own address, for sending now or through the outbox. */
export function composeEmail<K extends EmailKind>(
  tenant: SenderTenant,
  to: string,
  kind: K,
  locale: Locale,
  data: EmailData[K],
): OutgoingEmail {
  return { from: tenantSender(tenant), to, ...renderEmail(kind, locale, tenant, data) };
}

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
    await this.sendComposed(composeEmail(tenant, to, kind, locale, data));
  }

  /** Sends an email composed earlier (the worker, after opening it from the outbox). */
  async sendComposed(email: OutgoingEmail): Promise<void> {
    const { from, ...message } = email;
    await this.mailerFor(from).send(message);
  }
}
