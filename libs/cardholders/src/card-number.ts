/**
 * Card numbers as printed on canteen cards. Each tenant has its own format (Sct. Ibs:
 * exactly 16 digits; Gladsaxe: letters and digits); the database only allows
 * `^[A-Z0-9]{1,64}$`, so case and spaces are normalised before anything is compared.
 */
export interface CardNumberRule {
  /**
   * The tenant's format, matched against the whole normalised number (no ^ or $ needed).
   * A string is a RegExp source, so a tenant config's `cardNumber` section fits as it is.
   */
  readonly pattern: RegExp | string;
  /** Shown when the number does not fit, e.g. "Ugyldigt Kortnummer". */
  readonly invalidMessage?: string;
}

export type CardNumberValidation =
  { readonly ok: true; readonly cardNumber: string } | { readonly ok: false; readonly message: string };

export const CARD_NUMBER_MESSAGES = {
  missing: 'Kortnummeret mangler',
  invalid: 'Ugyldigt kortnummer',
} as const;

const STORABLE = /^[A-Z0-9]{1,64}$/;

export function normalizeCardNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function validateCardNumber(input: string, rule: CardNumberRule): CardNumberValidation {
  const cardNumber = normalizeCardNumber(input);
  if (cardNumber === '') return { ok: false, message: CARD_NUMBER_MESSAGES.missing };
  if (!STORABLE.test(cardNumber) || !wholeMatch(rule.pattern).test(cardNumber)) {
    return { ok: false, message: rule.invalidMessage ?? CARD_NUMBER_MESSAGES.invalid };
  }
  return { ok: true, cardNumber };
}

// Anchoring here means a tenant's "\d{16}" cannot accept 17 digits; g/y flags would make
// test() stateful, so they are dropped.
function wholeMatch(pattern: RegExp | string): RegExp {
  if (typeof pattern === 'string') return new RegExp(`^(?:${pattern})$`);
  return new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
}
