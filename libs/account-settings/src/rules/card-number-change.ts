import { normalizeCardNumber, validateCardNumber, type CardNumberRule } from '@kk/cardholders';

export type CardNumberFieldError = {
  readonly field: 'cardNumber';
  /**
   * missing/invalid: the form (the tenant's pattern, "Ugyldigt Kortnummer"); same: the account's
   * card already; unavailable: a number the tenant knows on any card, said without whose;
   * tooManyAttempts: too many lookups from this login lately.
   */
  readonly reason: 'missing' | 'invalid' | 'same' | 'unavailable' | 'tooManyAttempts';
};

export type NewCardNumberCheck =
  { readonly ok: true; readonly cardNumber: string } | { readonly ok: false; readonly error: CardNumberFieldError };

/**
 * "Kortnummer" → Gem (seed 000): exactly the tenant's pattern, after the normalising every
 * card number gets (spaces out, letters upper-case). Only the form is judged here, so the
 * answer tells nothing about other cards; whether the number is free is the database's.
 */
export function checkNewCardNumber(typed: string, rule: CardNumberRule, current: string | null): NewCardNumberCheck {
  if (normalizeCardNumber(typed) === '') return refuse('missing');
  const checked = validateCardNumber(typed, rule);
  if (!checked.ok) return refuse('invalid');
  if (checked.cardNumber === current) return refuse('same');
  return { ok: true, cardNumber: checked.cardNumber };
}

function refuse(reason: CardNumberFieldError['reason']): NewCardNumberCheck {
  return { ok: false, error: { field: 'cardNumber', reason } };
}
