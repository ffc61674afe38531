import Handlebars from 'handlebars';
import type { TenantConfig } from '@kk/tenancy';
import { t, type Locale } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';
import { HTML_LAYOUT, HTML_PARTIALS, layoutLabels, TEXT_LAYOUT } from './email-layout';
import { EMAIL_KINDS, EMAIL_TEMPLATE_SOURCES, type EmailKind } from './email-template-sources';

export { EMAIL_KINDS, type EmailKind };

/** Why an automatic top-up failed: the stored card's refusals, or the canteen card blocked. */
export type TopUpFailureReason = 'card_expired' | 'card_blocked' | 'no_funds' | 'declined' | 'canteen_card_blocked';

/** What each email needs; links are absolute http(s) URLs on the tenant's host. */
export interface EmailData {
  'activation-code': {
    readonly code: string;
    /** Resumes the sign-up where it stopped, for a closed tab. */
    readonly continueUrl: string;
    readonly expiresInMinutes: number;
  };
  'signup-attempted': {
    readonly loginUrl: string;
    /** "Glemt adgangskode". */
    readonly resetUrl: string;
  };
  'password-reset': {
    /** Single-use. */
    readonly resetUrl: string;
    readonly expiresInMinutes: number;
  };
  'password-changed': {
    readonly changedAt: Date;
    /** Where to start a reset if the change was not theirs ("Glemt adgangskode"). */
    readonly resetUrl: string;
  };
  'deposit-receipt': {
    /** Øre, as charged. */
    readonly amount: number;
    readonly paidAt: Date;
    readonly method: 'card' | 'mobilepay';
    /** "492500******0004", when the provider told it. */
    readonly maskedPan: string | null;
    /** Whose canteen card got the money; a name, never a CPR number. */
    readonly accountHolderName: string;
    /** Our payment id: what support asks for. */
    readonly reference: string;
  };
  'top-up-failed': {
    /** Øre, the agreement's amount. */
    readonly amount: number;
    readonly failedAt: Date;
    /** Why, with the seeds' advice. */
    readonly reason: TopUpFailureReason;
    readonly maskedPan: string | null;
    readonly accountHolderName: string;
  };
  'low-balance-alert': {
    /** Whose canteen card; a name, never a CPR number. */
    readonly accountHolderName: string;
    /** Øre after the purchase, and the amount the parent chose. */
    readonly balance: number;
    readonly below: number;
    readonly purchasedAt: Date;
    /** The till and its unit, "Kasse 2, Kantinen". */
    readonly place: string;
    /** "Indbetal" and the alert's own settings page for the account. */
    readonly depositUrl: string;
    readonly settingsUrl: string;
  };
  'relation-request': {
    readonly requesterName: string;
    /** Whose account access was asked for; a name, never a CPR number. */
    readonly accountHolderName: string;
    /** The "Godkend tilknytninger" page. */
    readonly reviewUrl: string;
  };
}

/** The parts of a tenant's configuration an email shows. */
export type EmailTenant = Pick<TenantConfig, 'productName' | 'displayName' | 'support' | 'theme'>;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type FieldBuilders = { [K in EmailKind]: (data: EmailData[K], locale: Locale) => Record<string, string> };

// Only these named fields reach a template, so extra properties on `data` (a CPR number a caller
// happened to hold) can never be rendered.
const FIELDS: FieldBuilders = {
  'activation-code': (data, locale) => ({
    code: nonEmpty(data.code, 'code'),
    continueUrl: httpUrl(data.continueUrl, 'continueUrl'),
    expiresIn: duration(data.expiresInMinutes, locale),
  }),
  'signup-attempted': (data) => ({
    loginUrl: httpUrl(data.loginUrl, 'loginUrl'),
    resetUrl: httpUrl(data.resetUrl, 'resetUrl'),
  }),
  'password-reset': (data, locale) => ({
    resetUrl: httpUrl(data.resetUrl, 'resetUrl'),
    expiresIn: duration(data.expiresInMinutes, locale),
  }),
  'password-changed': (data, locale) => ({
    changedAt: dateTime(data.changedAt, locale, 'changedAt'),
    resetUrl: httpUrl(data.resetUrl, 'resetUrl'),
  }),
  'deposit-receipt': (data, locale) => ({
    amount: formatKroner(data.amount),
    paidAt: dateTime(data.paidAt, locale, 'paidAt'),
    method: paymentMethod(data.method, data.maskedPan, locale),
    accountHolderName: nonEmpty(data.accountHolderName, 'accountHolderName'),
    reference: nonEmpty(data.reference, 'reference'),
  }),
  'top-up-failed': (data, locale) => ({
    amount: formatKroner(data.amount),
    failedAt: dateTime(data.failedAt, locale, 'failedAt'),
    reason: t(locale, `topUp.failure.${data.reason}`),
    card: data.maskedPan ?? '–',
    accountHolderName: nonEmpty(data.accountHolderName, 'accountHolderName'),
  }),
  'low-balance-alert': (data, locale) => ({
    accountHolderName: nonEmpty(data.accountHolderName, 'accountHolderName'),
    balance: formatKroner(data.balance),
    below: formatKroner(data.below),
    purchasedAt: dateTime(data.purchasedAt, locale, 'purchasedAt'),
    place: nonEmpty(data.place, 'place'),
    depositUrl: httpUrl(data.depositUrl, 'depositUrl'),
    settingsUrl: httpUrl(data.settingsUrl, 'settingsUrl'),
  }),
  'relation-request': (data) => ({
    requesterName: nonEmpty(data.requesterName, 'requesterName'),
    accountHolderName: nonEmpty(data.accountHolderName, 'accountHolderName'),
    reviewUrl: httpUrl(data.reviewUrl, 'reviewUrl'),
  }),
};

// An isolated instance: the web app's helpers and partials must not leak into emails, nor ours into it.
const handlebars = Handlebars.create();
// Strict: a field the view model lacks is a bug, so fail loudly instead of rendering a blank.
const HTML_OPTIONS: CompileOptions = { strict: true };
const TEXT_OPTIONS: CompileOptions = { strict: true, noEscape: true };
for (const [name, source] of Object.entries(HTML_PARTIALS)) {
  handlebars.registerPartial(name, handlebars.compile(source, HTML_OPTIONS));
}

type Compiled = (context: object) => string;
const compiled = new Map<string, Compiled>();

function template(key: string, source: string, options: CompileOptions): Compiled {
  let found = compiled.get(key);
  if (!found) {
    found = handlebars.compile(source, options);
    compiled.set(key, found);
  }
  return found;
}

/** Subject, plain-text and HTML parts of one email, in the tenant's colours and with its support text. */
export function renderEmail<K extends EmailKind>(
  kind: K,
  locale: Locale,
  tenant: EmailTenant,
  data: EmailData[K],
): RenderedEmail {
  const source = EMAIL_TEMPLATE_SOURCES[kind][locale];
  const builder: (data: EmailData[K], locale: Locale) => Record<string, string> = FIELDS[kind];
  const context = { ...frame(locale, tenant), ...builder(data, locale) };
  const subject = template(`${kind}.${locale}.subject`, source.subject, TEXT_OPTIONS)(context).trim();
  const textBody = template(`${kind}.${locale}.text`, source.text, TEXT_OPTIONS)(context);
  const htmlBody = template(`${kind}.${locale}.html`, source.html, HTML_OPTIONS)(context);
  return {
    subject,
    text: template('layout.text', TEXT_LAYOUT, TEXT_OPTIONS)({ ...context, body: textBody }),
    html: template('layout.html', HTML_LAYOUT, HTML_OPTIONS)({ ...context, subject, body: htmlBody }),
  };
}

function frame(locale: Locale, tenant: EmailTenant) {
  const { support, theme } = tenant;
  return {
    lang: locale,
    labels: layoutLabels(locale),
    productName: tenant.productName,
    displayName: tenant.displayName,
    // Every key present (null when unset): strict templates may test them with #if.
    support: {
      text: support.text,
      phone: support.phone ?? null,
      phoneDigits: support.phone ? support.phone.replace(/[^\d+]/g, '') : null,
      email: support.email ?? null,
      hours: support.hours ?? null,
    },
    theme: { primaryColor: theme.primaryColor, textColor: theme.textColor, backgroundColor: theme.backgroundColor },
  };
}

function nonEmpty(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`Email data: ${field} must not be empty`);
  return value.trim();
}

// Relative or javascript: links do not work (or are dangerous) in a mail client.
function httpUrl(value: string, field: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`Email data: ${field} must be an absolute http(s) URL`);
  }
  return url.toString();
}

function duration(minutes: number, locale: Locale): string {
  if (!Number.isInteger(minutes) || minutes < 1)
    throw new Error('Email data: expiresInMinutes must be a whole number ≥ 1');
  const hours = minutes / 60;
  if (Number.isInteger(hours)) {
    return t(locale, hours === 1 ? 'email.duration.hour' : 'email.duration.hours', { count: hours });
  }
  return t(locale, minutes === 1 ? 'email.duration.minute' : 'email.duration.minutes', { count: minutes });
}

// British rather than US English: day before month, as the Danish recipients write dates.
const DATE_LOCALES: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };

// Danish time whatever the server's zone: the recipients live there.
function dateTime(value: Date, locale: Locale, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new Error(`Email data: ${field} must be a date`);
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }).format(value);
}

function paymentMethod(method: 'card' | 'mobilepay', maskedPan: string | null, locale: Locale): string {
  if (method === 'mobilepay') return 'MobilePay';
  const card = t(locale, 'email.payment.card');
  return maskedPan ? `${card} ${maskedPan}` : card;
}
