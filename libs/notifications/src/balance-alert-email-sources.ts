import type { Locale } from '@kk/texts';
import type { EmailTemplateSource } from './email-template-source';

export const BALANCE_ALERT_EMAIL_KINDS = ['low-balance-alert'] as const;
export type BalanceAlertEmailKind = (typeof BALANCE_ALERT_EMAIL_KINDS)[number];

/** "Besked ved lav saldo" (libs/balance-alerts). Same rules as email-template-sources.ts. */
export const BALANCE_ALERT_EMAIL_SOURCES: Record<BalanceAlertEmailKind, Record<Locale, EmailTemplateSource>> = {
  'low-balance-alert': {
    da: {
      subject: 'Lav saldo på kantinekortet – {{productName}}',
      text: `Hej

Saldoen på {{accountHolderName}}s kantinekort er under de {{below}}, du har valgt: efter et køb {{purchasedAt}} ({{place}}) var der {{balance}} tilbage.

Sæt penge ind på kortet her:
{{depositUrl}}

Du får højst én besked pr. 48 timer, medmindre der er sat penge ind, så saldoen igen nåede {{below}}.
Du kan ændre beløbet eller slå beskeden fra her:
{{settingsUrl}}`,
      html: `<p style="margin:0 0 16px">Hej</p>
<p style="margin:0 0 16px">Saldoen på {{accountHolderName}}s kantinekort er under de {{below}}, du har valgt: efter et køb {{purchasedAt}} ({{place}}) var der <strong>{{balance}}</strong> tilbage.</p>
{{> button href=depositUrl label="Indbetal"}}
<p style="margin:0 0 8px">Du får højst én besked pr. 48 timer, medmindre der er sat penge ind, så saldoen igen nåede {{below}}.</p>
{{> button href=settingsUrl label="Besked ved lav saldo"}}`,
    },
    en: {
      subject: 'Low balance on the canteen card – {{productName}}',
      text: `Hello

The balance on {{accountHolderName}}'s canteen card is below the {{below}} you chose: after a purchase {{purchasedAt}} ({{place}}) {{balance}} was left.

Put money on the card here:
{{depositUrl}}

You get at most one message per 48 hours, unless money put in brought the balance back to {{below}}.
Change the amount or turn the message off here:
{{settingsUrl}}`,
      html: `<p style="margin:0 0 16px">Hello</p>
<p style="margin:0 0 16px">The balance on {{accountHolderName}}'s canteen card is below the {{below}} you chose: after a purchase {{purchasedAt}} ({{place}}) <strong>{{balance}}</strong> was left.</p>
{{> button href=depositUrl label="Deposit"}}
<p style="margin:0 0 8px">You get at most one message per 48 hours, unless money put in brought the balance back to {{below}}.</p>
{{> button href=settingsUrl label="Low-balance message"}}`,
    },
  },
};
