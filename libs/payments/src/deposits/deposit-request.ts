import type { PaymentMethod, PaymentSettings } from '@kk/tenancy';

/** What the parent typed on "Indbetal", as the form posted it. */
export interface DepositForm {
  readonly method: string;
  /** Whole kroner, as typed ("300", "1.000" and "300 kr" are not whole numbers here). */
  readonly amount: string;
  readonly receiptEmail: string;
  /** "Jeg har læst og accepteret betalingsbetingelserne". */
  readonly termsAccepted: boolean;
}

export interface DepositRequest {
  readonly method: PaymentMethod;
  /** Øre. */
  readonly amount: number;
  readonly receiptEmail: string;
}

/** Why a field was refused; the portal turns each into a sentence in the parent's language. */
export type DepositFieldError =
  | { readonly field: 'method'; readonly reason: 'notOffered' }
  | { readonly field: 'amount'; readonly reason: 'missing' | 'notWholeKroner' }
  | { readonly field: 'amount'; readonly reason: 'belowMinimum' | 'aboveMaximum'; readonly kroner: number }
  | { readonly field: 'receiptEmail'; readonly reason: 'invalid' }
  | { readonly field: 'terms'; readonly reason: 'notAccepted' };

export type DepositRequestCheck =
  | { readonly ok: true; readonly request: DepositRequest }
  | { readonly ok: false; readonly errors: readonly DepositFieldError[] };

const WHOLE_KRONER = /^[0-9]{1,7}$/;
// The shape mail servers accept, not RFC 5322 in full: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Indbetal" as both seeds describe it: a payment method the tenant offers, an amount in
 * whole Danish kroner between the tenant's minimum and maximum, a receipt email, and the
 * terms accepted. Every field is checked, so the parent sees every mistake at once.
 */
export function checkDepositForm(
  settings: Pick<PaymentSettings, 'deposit'>,
  offered: readonly PaymentMethod[],
  form: DepositForm,
): DepositRequestCheck {
  const errors: DepositFieldError[] = [];
  const method = offered.find((m) => m === form.method);
  if (!method) errors.push({ field: 'method', reason: 'notOffered' });

  const typed = form.amount.trim();
  const { minKroner, maxKroner } = settings.deposit;
  let kroner = 0;
  if (typed === '') errors.push({ field: 'amount', reason: 'missing' });
  else if (!WHOLE_KRONER.test(typed)) errors.push({ field: 'amount', reason: 'notWholeKroner' });
  else {
    kroner = Number(typed);
    if (kroner < minKroner) errors.push({ field: 'amount', reason: 'belowMinimum', kroner: minKroner });
    else if (kroner > maxKroner) errors.push({ field: 'amount', reason: 'aboveMaximum', kroner: maxKroner });
  }

  const receiptEmail = form.receiptEmail.trim().toLowerCase();
  if (receiptEmail.length > 254 || !EMAIL.test(receiptEmail)) errors.push({ field: 'receiptEmail', reason: 'invalid' });
  if (!form.termsAccepted) errors.push({ field: 'terms', reason: 'notAccepted' });

  if (errors.length > 0 || !method) return { ok: false, errors };
  return { ok: true, request: { method, amount: kroner * 100, receiptEmail } };
}
