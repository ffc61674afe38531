import { ALERT_MAX_KRONER, ALERT_MIN_KRONER, type AlertFieldError, type AlertSettingsView } from '@kk/balance-alerts';
import { t, type Locale, type PlainTextKey } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';
import { portalView, type FormErrors, type PageContext } from '../kit';

export interface AlertFormValues {
  readonly amount: string;
  readonly email: string;
}

/** The notices a redirect to the page may name (`?besked=`); anything else shows nothing. */
const NOTICES = { gemt: 'balanceAlert.saved', 'slaaet-fra': 'balanceAlert.turnedOff' } as const satisfies Record<
  string,
  PlainTextKey
>;

export function alertNotice(locale: Locale, value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(NOTICES, value)
    ? t(locale, NOTICES[value as keyof typeof NOTICES])
    : undefined;
}

const kroner = (value: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 0 }).format(value);

/** The lib's refusals as sentences beside their fields, in the page's language. */
export function alertErrors(errors: readonly AlertFieldError[], locale: Locale): FormErrors {
  const shown: Record<string, string> = {};
  for (const error of errors) {
    if (error.field === 'email') shown.email ??= t(locale, 'balanceAlert.error.emailInvalid');
    else if (error.reason === 'outOfRange') {
      const range = { min: kroner(ALERT_MIN_KRONER, locale), max: kroner(ALERT_MAX_KRONER, locale) };
      shown.amount ??= t(locale, 'balanceAlert.error.amountOutOfRange', range);
    } else {
      const key =
        error.reason === 'missing' ? 'balanceAlert.error.amountMissing' : 'balanceAlert.error.amountNotWholeKroner';
      shown.amount ??= t(locale, key);
    }
  }
  return shown;
}

export interface AlertSettingsInput {
  readonly accountId: string;
  readonly view: AlertSettingsView;
  readonly values?: AlertFormValues;
  readonly errors?: FormErrors;
  readonly notice?: string;
}

/** "Besked ved lav saldo": whose account, whether the alert is on, the form, "Slå beskeden fra". */
export function alertSettingsPage(page: PageContext, input: AlertSettingsInput) {
  const { locale } = page;
  const { view } = input;
  const date = new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  });
  return portalView(page, 'balanceAlert.title', {
    accountId: input.accountId,
    holder: t(locale, 'balanceAlert.holder', { name: view.holderName, balance: formatKroner(view.balance) }),
    state:
      view.below === null
        ? t(locale, 'balanceAlert.off')
        : t(locale, 'balanceAlert.on', { email: view.email, amount: formatKroner(view.below) }),
    on: view.below !== null,
    lastSent: view.lastAlertAt
      ? t(locale, 'balanceAlert.lastSent', { when: date.format(view.lastAlertAt) })
      : undefined,
    amountHint: t(locale, 'balanceAlert.amountHint', {
      min: kroner(ALERT_MIN_KRONER, locale),
      max: kroner(ALERT_MAX_KRONER, locale),
    }),
    values: input.values ?? { amount: view.below === null ? '' : String(view.below / 100), email: view.email },
    errors: input.errors ?? {},
    notice: input.notice,
  });
}
