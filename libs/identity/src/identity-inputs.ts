import {
  CPR_MESSAGES,
  normalizeCardNumber,
  validateCardNumber,
  validateCpr,
  type CardNumberRule,
} from '@kk/cardholders';
import { identityFailure, type IdentityFailure } from './identity-messages';

/**
 * The checks on what a person types, shared by sign-up, relations and CPR linking. They
 * look only at the input's form, so their answers reveal nothing about stored data.
 */
export type Checked<T> = { readonly ok: true; readonly value: T } | IdentityFailure;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Emails are compared lower-cased: one login per address, however it was typed. */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function checkEmail(input: string): Checked<string> {
  const email = normalizeEmail(input);
  if (email === '') return identityFailure('email', 'emailMissing');
  if (email.length > 254 || !EMAIL_SHAPE.test(email)) return identityFailure('email', 'emailInvalid');
  return { ok: true, value: email };
}

export function checkCpr(input: string): Checked<string> {
  const result = validateCpr(input);
  if (result.ok) return { ok: true, value: result.cpr };
  if (result.message === CPR_MESSAGES.missing) return identityFailure('cpr', 'cprMissing');
  if (result.message === CPR_MESSAGES.invalidDate) return identityFailure('cpr', 'cprInvalidDate');
  return identityFailure('cpr', 'cprNotTenDigits');
}

/**
 * With the tenant's rule, a number of the wrong form is told at once (a form error says
 * nothing about any card). Without one, only case and spaces are normalised.
 */
export function checkCardNumber(input: string, rule?: CardNumberRule): Checked<string> {
  if (normalizeCardNumber(input) === '') return identityFailure('cardNumber', 'cardNumberMissing');
  if (!rule) return { ok: true, value: normalizeCardNumber(input) };
  const result = validateCardNumber(input, rule);
  if (result.ok) return { ok: true, value: result.cardNumber };
  return identityFailure('cardNumber', 'cardNumberInvalid', result.message);
}
