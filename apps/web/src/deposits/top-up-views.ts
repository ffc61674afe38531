import type { TopUpFieldError, TopUpTab } from '@kk/payments';
import { t, type Locale, type PlainTextKey } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';
import { portalView, type FormErrors, type PageContext } from '../kit';
import { paragraphs, wholeKroner } from './deposit-views';

export interface TopUpFormValues {
  readonly amount: string;
  readonly termsAccepted: boolean;
}

/** The notices a redirect to the tab may name (`?besked=`); anything else shows nothing. */
const NOTICES = {
  oprettet: 'topUp.activated',
  annulleret: 'topUp.cancelled',
  'ikke-gemt': 'topUp.notStored',
  afventer: 'deposit.status.pending',
} as const satisfies Record<string, PlainTextKey>;

export type TopUpNotice = keyof typeof NOTICES;

export function topUpNotice(locale: Locale, value: unknown): string | undefined {
  return typeof value === 'string' && Object.hasOwn(NOTICES, value)
    ? t(locale, NOTICES[value as TopUpNotice])
    : undefined;
}

export function topUpErrors(errors: readonly TopUpFieldError[], locale: Locale): FormErrors {
  const shown: Record<string, string> = {};
  for (const error of errors) {
    if (error.field === 'terms') shown.terms ??= t(locale, 'deposit.error.termsNotAccepted');
    else if (error.reason === 'belowMinimum')
      shown.amount ??= t(locale, 'deposit.error.amountBelowMinimum', { kroner: error.kroner });
    else if (error.reason === 'aboveMaximum')
      shown.amount ??= t(locale, 'deposit.error.amountAboveMaximum', { kroner: error.kroner });
    else
      shown.amount ??= t(
        locale,
        error.reason === 'missing' ? 'deposit.error.amountMissing' : 'deposit.error.amountNotWholeKroner',
      );
  }
  return shown;
}

const FAILURES: readonly string[] = ['card_expired', 'card_blocked', 'no_funds', 'declined', 'canteen_card_blocked'];

function failureText(locale: Locale, failure: string | null): string {
  if (failure && FAILURES.includes(failure)) {
    return t(locale, `topUp.failure.${failure as 'card_expired'}`);
  }
  return '';
}

export interface TopUpPageInput {
  readonly accountId: string;
  readonly tab: TopUpTab;
  readonly values?: TopUpFormValues;
  readonly errors?: FormErrors;
  readonly notice?: string;
  readonly problem?: string;
}

/** "Automatisk Optankning": the agreement and its card, "Annuller", a form for a new one, the last attempts. */
export function topUpPage(page: PageContext, input: TopUpPageInput) {
  const settings = page.tenant.payments;
  const threshold = formatKroner(page.tenant.autoTopUp.thresholdOre);
  const agreement = input.tab.agreement;
  const date = new Intl.DateTimeFormat(page.locale === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  });
  return portalView(page, 'topUp.tab', {
    accountId: input.accountId,
    intro: t(page.locale, 'topUp.intro', { threshold }),
    active: agreement
      ? t(page.locale, 'topUp.active', {
          amount: formatKroner(agreement.amount),
          card: agreement.cardMaskedPan ?? '–',
          threshold,
        })
      : undefined,
    amountHint: settings
      ? t(page.locale, 'topUp.amountHint', {
          min: wholeKroner(settings.autoTopUp.minKroner, page.locale),
          max: wholeKroner(settings.autoTopUp.maxKroner, page.locale),
        })
      : '',
    terms: paragraphs(settings?.terms ?? ''),
    values: input.values ?? { amount: '', termsAccepted: false },
    errors: input.errors ?? {},
    notice: input.notice,
    problem: input.problem,
    attempts: input.tab.attempts.map((attempt) => ({
      when: date.format(attempt.createdAt),
      amount: formatKroner(attempt.amount),
      state: t(
        page.locale,
        attempt.status === 'completed'
          ? 'topUp.attempt.completed'
          : attempt.status === 'failed'
            ? 'topUp.attempt.failed'
            : 'topUp.attempt.pending',
      ),
      stateClass: attempt.status,
      reason: failureText(page.locale, attempt.failure),
    })),
  });
}
