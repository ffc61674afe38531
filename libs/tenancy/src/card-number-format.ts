import type { CardNumberFormat } from './tenant-config.schema';

export type CardNumberCheck = { ok: true; cardNumber: string } | { ok: false; message: string };

/**
 * Normalises what a person typed (spaces dropped, letters upper-cased where the tenant says so)
 * and checks it against the tenant's format; the message is the tenant's own error text.
 */
export function checkCardNumber(format: CardNumberFormat, input: string): CardNumberCheck {
  const compact = input.replace(/\s+/g, '');
  const cardNumber = format.upperCase ? compact.toUpperCase() : compact;
  return new RegExp(`^(?:${format.pattern})$`).test(cardNumber)
    ? { ok: true, cardNumber }
    : { ok: false, message: format.invalidMessage };
}
