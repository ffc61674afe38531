import type { Locale } from '@kk/texts';
import type { EmailTemplateSource } from './email-template-source';

export const PAYMENT_EMAIL_KINDS = ['deposit-receipt', 'top-up-failed'] as const;
export type PaymentEmailKind = (typeof PAYMENT_EMAIL_KINDS)[number];

/** The emails about money: receipts and failed top-ups. Same rules as email-template-sources.ts. */
export const PAYMENT_EMAIL_SOURCES: Record<PaymentEmailKind, Record<Locale, EmailTemplateSource>> = {
  'deposit-receipt': {
    da: {
      subject: 'Kvittering for indbetaling på {{productName}}',
      text: `Hej

Tak for din indbetaling. Beløbet står nu på kantinekortet og kan bruges med det samme.

Beløb: {{amount}}
Konto: {{accountHolderName}}
Betalt med: {{method}}
Tidspunkt: {{paidAt}}
Reference: {{reference}}

Gem denne e-mail som kvittering.`,
      html: `<p style="margin:0 0 16px">Hej</p>
<p style="margin:0 0 16px">Tak for din indbetaling. Beløbet står nu på kantinekortet og kan bruges med det samme.</p>
<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Beløb</th><td>{{amount}}</td></tr>
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Konto</th><td>{{accountHolderName}}</td></tr>
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Betalt med</th><td>{{method}}</td></tr>
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Tidspunkt</th><td>{{paidAt}}</td></tr>
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Reference</th><td>{{reference}}</td></tr>
</table>
<p style="margin:0">Gem denne e-mail som kvittering.</p>`,
    },
    en: {
      subject: 'Receipt for your deposit to {{productName}}',
      text: `Hello

Thank you for your deposit. The amount is now on the canteen card and can be used at once.

Amount: {{amount}}
Account: {{accountHolderName}}
Paid with: {{method}}
Time: {{paidAt}}
Reference: {{reference}}

Keep this email as your receipt.`,
      html: `<p style="margin:0 0 16px">Hello</p>
<p style="margin:0 0 16px">Thank you for your deposit. The amount is now on the canteen card and can be used at once.</p>
<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Amount</th><td>{{amount}}</td></tr>
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Account</th><td>{{accountHolderName}}</td></tr>
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Paid with</th><td>{{method}}</td></tr>
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Time</th><td>{{paidAt}}</td></tr>
<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0">Reference</th><td>{{reference}}</td></tr>
</table>
<p style="margin:0">Keep this email as your receipt.</p>`,
    },
  },
  'top-up-failed': {
    da: {
      subject: 'Automatisk optankning mislykkedes på {{productName}}',
      text: `Hej

Den automatiske optankning af {{amount}} på {{accountHolderName}}s kantinekort mislykkedes {{failedAt}}.

{{reason}}

Betalingskort: {{card}}`,
      html: `<p style="margin:0 0 16px">Hej</p>
<p style="margin:0 0 16px">Den automatiske optankning af {{amount}} på {{accountHolderName}}s kantinekort mislykkedes {{failedAt}}.</p>
<p style="margin:0 0 16px"><strong>{{reason}}</strong></p>
<p style="margin:0">Betalingskort: {{card}}</p>`,
    },
    en: {
      subject: 'Automatic top-up failed at {{productName}}',
      text: `Hello

The automatic top-up of {{amount}} on {{accountHolderName}}'s canteen card failed {{failedAt}}.

{{reason}}

Payment card: {{card}}`,
      html: `<p style="margin:0 0 16px">Hello</p>
<p style="margin:0 0 16px">The automatic top-up of {{amount}} on {{accountHolderName}}'s canteen card failed {{failedAt}}.</p>
<p style="margin:0 0 16px"><strong>{{reason}}</strong></p>
<p style="margin:0">Payment card: {{card}}</p>`,
    },
  },
};
