import type { PaymentSettings } from '@kk/tenancy';

/** What the parent typed on "Automatisk Optankning". */
export interface TopUpForm {
  /** Whole kroner, as typed. */
  readonly amount: string;
  /** "Jeg har læst og accepteret betalingsbetingelserne". */
  readonly termsAccepted: boolean;
}

export type TopUpFieldError =
  | { readonly field: 'amount'; readonly reason: 'missing' | 'notWholeKroner' }
  | { readonly field: 'amount'; readonly reason: 'belowMinimum' | 'aboveMaximum'; readonly kroner: number }
  | { readonly field: 'terms'; readonly reason: 'notAccepted' };

export type TopUpRequestCheck =
  { readonly ok: true; readonly amount: number } | { readonly ok: false; readonly errors: readonly TopUpFieldError[] };

const WHOLE_KRONER = /^[0-9]{1,7}$/;

/** "Automatisk Optankning" (both seeds): an amount in whole kroner within the tenant's range, the terms accepted. */
export function checkTopUpForm(settings: Pick<PaymentSettings, 'autoTopUp'>, form: TopUpForm): TopUpRequestCheck {
  const errors: TopUpFieldError[] = [];
  const typed = form.amount.trim();
  const { minKroner, maxKroner } = settings.autoTopUp;
  let kroner = 0;
  if (typed === '') errors.push({ field: 'amount', reason: 'missing' });
  else if (!WHOLE_KRONER.test(typed)) errors.push({ field: 'amount', reason: 'notWholeKroner' });
  else {
    kroner = Number(typed);
    if (kroner < minKroner) errors.push({ field: 'amount', reason: 'belowMinimum', kroner: minKroner });
    else if (kroner > maxKroner) errors.push({ field: 'amount', reason: 'aboveMaximum', kroner: maxKroner });
  }
  if (!form.termsAccepted) errors.push({ field: 'terms', reason: 'notAccepted' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, amount: kroner * 100 };
}
