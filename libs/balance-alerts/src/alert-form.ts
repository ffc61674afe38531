/** What the parent typed on "Besked ved lav saldo". */
export interface AlertForm {
  /** Whole kroner, as typed. */
  readonly amount: string;
  readonly email: string;
}

export const ALERT_MIN_KRONER = 1;
export const ALERT_MAX_KRONER = 10_000;

/** Why a field was refused; the portal turns each into a sentence beside it. */
export type AlertFieldError =
  | { readonly field: 'amount'; readonly reason: 'missing' | 'notWholeKroner' | 'outOfRange' }
  | { readonly field: 'email'; readonly reason: 'invalid' };

export type AlertFormCheck =
  | { readonly ok: true; readonly below: number; readonly email: string }
  | { readonly ok: false; readonly errors: readonly AlertFieldError[] };

const WHOLE_KRONER = /^[0-9]{1,7}$/;
// As "Indbetal" checks a receipt address: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The amount in whole kroner (1–10.000) and an e-mail address; every field checked, so every mistake shows at once. */
export function checkAlertForm(form: AlertForm): AlertFormCheck {
  const errors: AlertFieldError[] = [];
  const typed = form.amount.trim();
  let kroner = 0;
  if (typed === '') errors.push({ field: 'amount', reason: 'missing' });
  else if (!WHOLE_KRONER.test(typed)) errors.push({ field: 'amount', reason: 'notWholeKroner' });
  else {
    kroner = Number(typed);
    if (kroner < ALERT_MIN_KRONER || kroner > ALERT_MAX_KRONER) errors.push({ field: 'amount', reason: 'outOfRange' });
  }
  const email = form.email.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) errors.push({ field: 'email', reason: 'invalid' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, below: kroner * 100, email };
}
