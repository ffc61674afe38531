import type { MyPerson } from '@kk/identity';
import type { DepositFieldError, DepositRequest, DepositView } from '@kk/payments';
import { t, type Locale, type PlainTextKey } from '@kk/texts';
import { formatKroner } from '@kk/web-kit';
import { portalView, type FormErrors, type PageContext } from '../kit';

export interface DepositFormValues {
  readonly method: string;
  readonly amount: string;
  readonly receiptEmail: string;
  readonly termsAccepted: boolean;
}

/** One account of the switcher ("i øverste venstre hjørne" in the seeds). */
interface AccountChoice {
  readonly accountId: string;
  readonly label: string;
  readonly balance: number;
  readonly blocked: boolean;
  readonly selected: boolean;
}

function accountChoices(people: readonly MyPerson[], accountId: string): AccountChoice[] {
  return people.flatMap((person) =>
    person.accounts.map((account) => ({
      accountId: account.accountId,
      label: account.cardNumber ? `${person.name} (${account.cardNumber})` : person.name,
      balance: account.balance,
      blocked: account.cardStatus === 'blocked',
      selected: account.accountId === accountId,
    })),
  );
}

const FIELD_TEXT = {
  method: { notOffered: 'deposit.error.methodNotOffered' },
  amount: { missing: 'deposit.error.amountMissing', notWholeKroner: 'deposit.error.amountNotWholeKroner' },
  receiptEmail: { invalid: 'deposit.error.receiptEmailInvalid' },
  terms: { notAccepted: 'deposit.error.termsNotAccepted' },
} as const;

/** The lib's refusals as sentences beside their fields, in the page's language. */
export function depositErrors(errors: readonly DepositFieldError[], locale: Locale): FormErrors {
  const shown: Record<string, string> = {};
  for (const error of errors) {
    if (error.field === 'amount' && (error.reason === 'belowMinimum' || error.reason === 'aboveMaximum')) {
      const key =
        error.reason === 'belowMinimum' ? 'deposit.error.amountBelowMinimum' : 'deposit.error.amountAboveMaximum';
      shown.amount ??= t(locale, key, { kroner: wholeKroner(error.kroner, locale) });
      continue;
    }
    const texts: Readonly<Record<string, PlainTextKey>> = FIELD_TEXT[error.field];
    const key = texts[error.reason];
    if (key) shown[error.field] ??= t(locale, key);
  }
  return shown;
}

export interface DepositPageInput {
  readonly accountId: string;
  readonly people: readonly MyPerson[];
  readonly recent: readonly DepositView[];
  readonly values?: DepositFormValues;
  readonly errors?: FormErrors;
  /** A refusal of the whole form (blocked account, provider down). */
  readonly problem?: string;
}

/** "Indbetal": the account switcher, the form with the tenant's terms, and the latest deposits. */
export function depositPage(page: PageContext, input: DepositPageInput) {
  const settings = page.tenant.payments;
  const methods = page.tenant.features.paymentMethods;
  const values = input.values ?? { method: methods[0], amount: '', receiptEmail: '', termsAccepted: false };
  const choices = accountChoices(input.people, input.accountId);
  const current = choices.find((c) => c.selected);
  // Said before the parent fills in the form, not only after "Næste" (the lib refuses it too).
  const blocked = current?.blocked && !page.tenant.features.depositsToBlockedAccount;
  return portalView(page, 'deposit.title', {
    accountId: input.accountId,
    accounts: choices,
    current,
    methods: methods.map((method) => ({
      value: method,
      label: t(page.locale, `deposit.method.${method}`),
      checked: values.method === method,
    })),
    chooseMethod: methods.length > 1,
    // The card on file for "Automatisk Optankning" is stored at Nexi.
    topUpOffered: Boolean(settings?.nexi) && methods.includes('card'),
    amountHint: settings
      ? t(page.locale, 'deposit.amountHint', {
          min: wholeKroner(settings.deposit.minKroner, page.locale),
          max: wholeKroner(settings.deposit.maxKroner, page.locale),
        })
      : '',
    terms: paragraphs(settings?.terms ?? ''),
    values,
    errors: input.errors ?? {},
    problem: input.problem ?? (blocked ? t(page.locale, 'deposit.error.accountBlocked') : undefined),
    recent: input.recent.map((deposit) => depositRow(deposit, page.locale)),
  });
}

/** Before the provider's page: the same amount went to this account a moment ago. */
export function repeatPage(page: PageContext, accountId: string, request: DepositRequest, termsAccepted: boolean) {
  const kroner = request.amount / 100;
  const [lower, higher] = otherAmounts(kroner, page.tenant.payments?.deposit);
  return portalView(page, 'deposit.repeat.title', {
    accountId,
    amount: formatKroner(request.amount),
    advice: t(page.locale, 'deposit.repeat.advice', {
      lower: wholeKroner(lower, page.locale),
      higher: wholeKroner(higher, page.locale),
    }),
    text: t(page.locale, 'deposit.repeat.text', { amount: formatKroner(request.amount) }),
    confirm: t(page.locale, 'deposit.repeat.confirm', { amount: formatKroner(request.amount) }),
    values: { method: request.method, amount: String(kroner), receiptEmail: request.receiptEmail, termsAccepted },
  });
}

/**
 * On the way to the provider's page: the layout's meta refresh sends the browser on at once
 * (a navigation the CSP's form-action does not cover), the link where it does not.
 */
export function continuePage(page: PageContext, providerUrl: string) {
  return portalView(page, 'deposit.continue.title', { providerUrl, refreshTo: providerUrl });
}

/** The return page: what the provider says happened, in plain words. */
export function statusPage(page: PageContext, deposit: DepositView, cancelledByPayer: boolean) {
  const status = deposit.status === 'pending' && cancelledByPayer ? 'cancelled' : deposit.status;
  const message =
    status === 'completed'
      ? t(page.locale, 'deposit.status.completed', { amount: formatKroner(deposit.amount) })
      : status === 'pending' || status === 'created'
        ? t(page.locale, 'deposit.status.pending')
        : t(page.locale, status === 'failed' ? 'deposit.status.failed' : 'deposit.status.cancelled');
  return portalView(page, 'deposit.status.title', {
    // The facts say what the message says: a payer who left the provider's page sees "Afbrudt".
    ...depositRow({ ...deposit, status }, page.locale),
    status,
    message,
    pending: status === 'pending' || status === 'created',
    // The seeds' advice, where the payer may have met Nets' "Identisk Transaktion".
    identicalHelp: deposit.method === 'nexi' && (status === 'cancelled' || status === 'failed'),
    depositUrl: `/konti/${deposit.accountId}/indbetal`,
  });
}

function depositRow(deposit: DepositView, locale: Locale) {
  return {
    paymentId: deposit.paymentId,
    amount: formatKroner(deposit.amount),
    method: deposit.method === 'mobilepay' ? 'MobilePay' : t(locale, 'email.payment.card'),
    state: t(locale, `deposit.state.${deposit.status}`),
    stateClass: deposit.status,
    createdAt: new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Copenhagen',
    }).format(deposit.createdAt),
    href: `/indbetalinger/${deposit.paymentId}`,
  };
}

/** The seeds' advice, "prøv da med 299 eller 301", kept within the tenant's limits. */
function otherAmounts(kroner: number, limits: { minKroner: number; maxKroner: number } | undefined): [number, number] {
  const min = limits?.minKroner ?? 1;
  const max = limits?.maxKroner ?? Number.MAX_SAFE_INTEGER;
  if (kroner - 1 < min) return [kroner + 1, kroner + 2];
  if (kroner + 1 > max) return [kroner - 2, kroner - 1];
  return [kroner - 1, kroner + 1];
}

/** 2000 as a Dane reads it, "2.000" ("2,000" in English). */
export function wholeKroner(kroner: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 0 }).format(kroner);
}

/** The tenant's terms as paragraphs (blank lines split them in tenant.yaml). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}
