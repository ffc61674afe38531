import type { Locale } from '@kk/texts';
import type { EmailTemplateSource } from './email-template-source';
import { BALANCE_ALERT_EMAIL_KINDS, BALANCE_ALERT_EMAIL_SOURCES } from './balance-alert-email-sources';
import { PAYMENT_EMAIL_KINDS, PAYMENT_EMAIL_SOURCES } from './payment-email-sources';

export const EMAIL_KINDS = [
  'activation-code',
  'signup-attempted',
  'password-reset',
  'password-changed',
  'relation-request',
  ...PAYMENT_EMAIL_KINDS,
  ...BALANCE_ALERT_EMAIL_KINDS,
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export type { EmailTemplateSource };

// Fields a template may use are exactly those the view model in email-templates.ts builds, and
// strict compilation turns a typo into an error. No template names a CPR field: none is ever passed.
export const EMAIL_TEMPLATE_SOURCES: Record<EmailKind, Record<Locale, EmailTemplateSource>> = {
  'activation-code': {
    da: {
      subject: 'Din aktiveringskode til {{productName}}',
      text: `Hej

Her er din aktiveringskode til {{productName}}:

    {{code}}

Skriv koden på siden, hvor du er ved at oprette dig. Koden udløber om {{expiresIn}}.

Har du lukket siden? Fortsæt aktiveringen her:
{{continueUrl}}

Har du ikke bedt om at blive oprettet, kan du se bort fra denne e-mail.`,
      html: `<p style="margin:0 0 16px">Hej</p>
<p style="margin:0 0 16px">Her er din aktiveringskode til {{productName}}:</p>
{{> code}}
<p style="margin:0 0 16px">Skriv koden på siden, hvor du er ved at oprette dig. Koden udløber om {{expiresIn}}.</p>
<p style="margin:0 0 8px">Har du lukket siden?</p>
{{> button href=continueUrl label="Fortsæt aktiveringen"}}
<p style="margin:0">Har du ikke bedt om at blive oprettet, kan du se bort fra denne e-mail.</p>`,
    },
    en: {
      subject: 'Your activation code for {{productName}}',
      text: `Hello

Here is your activation code for {{productName}}:

    {{code}}

Enter the code on the page where you are signing up. The code expires in {{expiresIn}}.

Closed the page? Continue activation here:
{{continueUrl}}

If you did not ask to sign up, you can ignore this email.`,
      html: `<p style="margin:0 0 16px">Hello</p>
<p style="margin:0 0 16px">Here is your activation code for {{productName}}:</p>
{{> code}}
<p style="margin:0 0 16px">Enter the code on the page where you are signing up. The code expires in {{expiresIn}}.</p>
<p style="margin:0 0 8px">Closed the page?</p>
{{> button href=continueUrl label="Continue activation"}}
<p style="margin:0">If you did not ask to sign up, you can ignore this email.</p>`,
    },
  },
  // Sent instead of a code when the email already has a login: the sign-up page answered as
  // for a new address, so only the owner of the inbox learns that the address is known.
  'signup-attempted': {
    da: {
      subject: 'Nogen forsøgte at oprette en bruger med din e-mail',
      text: `Hej

Nogen har netop forsøgt at oprette en ny bruger hos {{productName}} med denne e-mailadresse. Der findes allerede en bruger med den, så der er ikke oprettet noget.

Var det dig? Så log på med din e-mail og adgangskode:
{{loginUrl}}

Har du glemt adgangskoden, kan du vælge en ny her:
{{resetUrl}}

Var det ikke dig, kan du se bort fra denne e-mail. Din bruger er ikke ændret.`,
      html: `<p style="margin:0 0 16px">Hej</p>
<p style="margin:0 0 16px">Nogen har netop forsøgt at oprette en ny bruger hos {{productName}} med denne e-mailadresse. Der findes allerede en bruger med den, så der er ikke oprettet noget.</p>
<p style="margin:0 0 8px">Var det dig? Så log på med din e-mail og adgangskode.</p>
{{> button href=loginUrl label="Log på"}}
<p style="margin:0 0 8px">Har du glemt adgangskoden, kan du vælge en ny.</p>
{{> button href=resetUrl label="Glemt adgangskode"}}
<p style="margin:0">Var det ikke dig, kan du se bort fra denne e-mail. Din bruger er ikke ændret.</p>`,
    },
    en: {
      subject: 'Someone tried to sign up with your email',
      text: `Hello

Someone just tried to create a new {{productName}} user with this email address. A user with it already exists, so nothing was created.

Was it you? Then log in with your email and password:
{{loginUrl}}

If you have forgotten the password, choose a new one here:
{{resetUrl}}

If it was not you, you can ignore this email. Your user has not been changed.`,
      html: `<p style="margin:0 0 16px">Hello</p>
<p style="margin:0 0 16px">Someone just tried to create a new {{productName}} user with this email address. A user with it already exists, so nothing was created.</p>
<p style="margin:0 0 8px">Was it you? Then log in with your email and password.</p>
{{> button href=loginUrl label="Log in"}}
<p style="margin:0 0 8px">If you have forgotten the password, choose a new one.</p>
{{> button href=resetUrl label="Forgot password"}}
<p style="margin:0">If it was not you, you can ignore this email. Your user has not been changed.</p>`,
    },
  },
  'password-reset': {
    da: {
      // The seed's users look for exactly this title.
      subject: 'Nulstil adgangskode',
      text: `Hej

Vi har fået en anmodning om at nulstille adgangskoden til din konto hos {{productName}}.
Vælg en ny adgangskode via linket herunder. Linket kan kun bruges én gang og udløber om {{expiresIn}}.

{{resetUrl}}

Har du ikke bedt om at nulstille din adgangskode, kan du se bort fra denne e-mail. Din adgangskode er ikke ændret.`,
      html: `<p style="margin:0 0 16px">Hej</p>
<p style="margin:0 0 16px">Vi har fået en anmodning om at nulstille adgangskoden til din konto hos {{productName}}.</p>
<p style="margin:0 0 8px">Vælg en ny adgangskode via knappen herunder. Linket kan kun bruges én gang og udløber om {{expiresIn}}.</p>
{{> button href=resetUrl label="Vælg ny adgangskode"}}
<p style="margin:0">Har du ikke bedt om at nulstille din adgangskode, kan du se bort fra denne e-mail. Din adgangskode er ikke ændret.</p>`,
    },
    en: {
      subject: 'Reset password',
      text: `Hello

We received a request to reset the password of your {{productName}} account.
Choose a new password with the link below. The link works once and expires in {{expiresIn}}.

{{resetUrl}}

If you did not ask to reset your password, you can ignore this email. Your password has not been changed.`,
      html: `<p style="margin:0 0 16px">Hello</p>
<p style="margin:0 0 16px">We received a request to reset the password of your {{productName}} account.</p>
<p style="margin:0 0 8px">Choose a new password with the button below. The link works once and expires in {{expiresIn}}.</p>
{{> button href=resetUrl label="Choose a new password"}}
<p style="margin:0">If you did not ask to reset your password, you can ignore this email. Your password has not been changed.</p>`,
    },
  },
  'password-changed': {
    da: {
      subject: 'Din adgangskode er ændret',
      text: `Hej

Adgangskoden til din konto hos {{productName}} blev ændret {{changedAt}}.

Var det dig, skal du ikke gøre mere.

Var det ikke dig, så nulstil din adgangskode med det samme via linket herunder, og kontakt os (se nederst):
{{resetUrl}}`,
      html: `<p style="margin:0 0 16px">Hej</p>
<p style="margin:0 0 16px">Adgangskoden til din konto hos {{productName}} blev ændret {{changedAt}}.</p>
<p style="margin:0 0 16px">Var det dig, skal du ikke gøre mere.</p>
<p style="margin:0 0 8px"><strong>Var det ikke dig</strong>, så nulstil din adgangskode med det samme, og kontakt os (se nederst).</p>
{{> button href=resetUrl label="Nulstil adgangskode"}}`,
    },
    en: {
      subject: 'Your password has been changed',
      text: `Hello

The password of your {{productName}} account was changed on {{changedAt}}.

If this was you, there is nothing more to do.

If it was not you, reset your password at once with the link below, and contact us (see the bottom of this email):
{{resetUrl}}`,
      html: `<p style="margin:0 0 16px">Hello</p>
<p style="margin:0 0 16px">The password of your {{productName}} account was changed on {{changedAt}}.</p>
<p style="margin:0 0 16px">If this was you, there is nothing more to do.</p>
<p style="margin:0 0 8px"><strong>If it was not you</strong>, reset your password at once and contact us (see the bottom of this email).</p>
{{> button href=resetUrl label="Reset password"}}`,
    },
  },
  'relation-request': {
    da: {
      subject: 'Anmodning om adgang til en konto',
      text: `Hej

{{requesterName}} har bedt om adgang til kontoen for {{accountHolderName}} i {{productName}}.

Log på og åbn »Godkend tilknytninger« for at godkende eller slette anmodningen:
{{reviewUrl}}

Kender du ikke personen, skal du ikke godkende anmodningen.`,
      html: `<p style="margin:0 0 16px">Hej</p>
<p style="margin:0 0 16px"><strong>{{requesterName}}</strong> har bedt om adgang til kontoen for <strong>{{accountHolderName}}</strong> i {{productName}}.</p>
<p style="margin:0 0 8px">Log på og åbn »Godkend tilknytninger« for at godkende eller slette anmodningen.</p>
{{> button href=reviewUrl label="Godkend tilknytninger"}}
<p style="margin:0">Kender du ikke personen, skal du ikke godkende anmodningen.</p>`,
    },
    en: {
      subject: 'Request for access to an account',
      text: `Hello

{{requesterName}} has asked for access to the account of {{accountHolderName}} in {{productName}}.

Log in and open "Approve relations" to approve or delete the request:
{{reviewUrl}}

If you do not know this person, do not approve the request.`,
      html: `<p style="margin:0 0 16px">Hello</p>
<p style="margin:0 0 16px"><strong>{{requesterName}}</strong> has asked for access to the account of <strong>{{accountHolderName}}</strong> in {{productName}}.</p>
<p style="margin:0 0 8px">Log in and open "Approve relations" to approve or delete the request.</p>
{{> button href=reviewUrl label="Approve relations"}}
<p style="margin:0">If you do not know this person, do not approve the request.</p>`,
    },
  },
  ...PAYMENT_EMAIL_SOURCES,
  ...BALANCE_ALERT_EMAIL_SOURCES,
};
