import type {
  CardNumberFieldError,
  ContactFieldError,
  LimitFieldError,
  PhotoFieldError,
  SettingsFieldError,
  UnitsFieldError,
} from '@kk/account-settings';
import { t, type PlainTextKey } from '@kk/texts';
import type { FormErrors, PageContext } from '../kit';

/** Where a refused field's text goes on the page (`errors.<name>`): the field's own name. */
export function settingsErrors(errors: readonly SettingsFieldError[], page: PageContext): FormErrors {
  const shown: Record<string, string> = {};
  for (const error of errors) shown[error.field] ??= errorText(error, page);
  return shown;
}

/** The lib's refusals as sentences, in the page's language; the tenant's own wording where it has one. */
function errorText(error: SettingsFieldError, page: PageContext): string {
  switch (error.field) {
    case 'block':
      return t(page.locale, 'accountSettings.error.block.noCard');
    case 'cardNumber':
      return cardNumberText(error, page);
    case 'daily':
    case 'weekly':
    case 'monthly':
      return t(page.locale, limitKey(error));
    case 'units':
      return t(page.locale, unitsKey(error));
    case 'photo':
      return t(page.locale, photoKey(error));
    default:
      return t(page.locale, CONTACT_KEYS[error.field][error.reason] ?? 'form.invalid');
  }
}

// "Ugyldigt Kortnummer" is Sct. Ibs' own wording (tenant.yaml); in English the catalogue's.
function cardNumberText(error: CardNumberFieldError, page: PageContext): string {
  if (error.reason === 'invalid' && page.locale === 'da') return page.tenant.cardNumber.invalidMessage;
  return t(page.locale, `accountSettings.error.cardNumber.${error.reason}`);
}

function limitKey(error: LimitFieldError): PlainTextKey {
  if (error.reason !== 'belowShorter') return `accountSettings.error.limits.${error.reason}`;
  if (error.field === 'weekly') return 'accountSettings.error.limits.weeklyBelowDaily';
  return error.shorter === 'weekly'
    ? 'accountSettings.error.limits.monthlyBelowWeekly'
    : 'accountSettings.error.limits.monthlyBelowDaily';
}

function unitsKey(error: UnitsFieldError): PlainTextKey {
  return `accountSettings.error.units.${error.reason}`;
}

function photoKey(error: PhotoFieldError): PlainTextKey {
  return `accountSettings.error.photo.${error.reason}`;
}

const CONTACT_KEYS: Record<ContactFieldError['field'], Partial<Record<ContactFieldError['reason'], PlainTextKey>>> = {
  email: { invalid: 'accountSettings.error.email.invalid' },
  street: {
    missing: 'accountSettings.error.street.missing',
    invalid: 'accountSettings.error.street.invalid',
    tooLong: 'accountSettings.error.street.tooLong',
  },
  postalCode: {
    missing: 'accountSettings.error.postalCode.missing',
    invalid: 'accountSettings.error.postalCode.invalid',
  },
  city: {
    missing: 'accountSettings.error.city.missing',
    invalid: 'accountSettings.error.city.invalid',
    tooLong: 'accountSettings.error.city.tooLong',
  },
};

/** Refusals that are about how often, not what: the page answers 429 for them. */
export function isTooManyAttempts(errors: readonly SettingsFieldError[]): boolean {
  return errors.some((error) => 'reason' in error && error.reason === 'tooManyAttempts');
}
