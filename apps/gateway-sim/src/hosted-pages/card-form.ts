import type { CardEntry } from '../nexi/nexi-checkout.service';
import { detectBrand, passesLuhn } from '../nexi/test-cards';

export type CardFormField = 'holderName' | 'cardNumber' | 'expiry' | 'cvc';

/** What the customer typed, shown again after an error; the CVC is never echoed. */
export interface CardFormValues {
  readonly holderName: string;
  readonly cardNumber: string;
  readonly expiry: string;
}

export type CardFormErrors = Partial<Record<CardFormField, string>>;

export type ParsedCardForm =
  | { readonly ok: true; readonly paymentId: string; readonly values: CardFormValues; readonly entry: CardEntry }
  | {
      readonly ok: false;
      readonly paymentId: string;
      readonly values: CardFormValues;
      readonly errors: CardFormErrors;
    };

/** The hosted page's form, as a browser posts it (application/x-www-form-urlencoded). */
export function parseCardForm(body: unknown): ParsedCardForm {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (name: string): string => (typeof form[name] === 'string' ? form[name].trim() : '');
  const values: CardFormValues = {
    holderName: text('holderName'),
    cardNumber: text('cardNumber'),
    expiry: text('expiry'),
  };
  const paymentId = text('pid');
  const errors: CardFormErrors = {};

  if (values.holderName === '') errors.holderName = 'Skriv navnet, som det står på kortet.';
  const number = values.cardNumber.replace(/[\s-]/g, '');
  const brand = detectBrand(number);
  if (number === '') errors.cardNumber = 'Skriv kortnummeret.';
  else if (!/^\d{12,19}$/.test(number) || !passesLuhn(number)) {
    errors.cardNumber = 'Kortnummeret er ikke gyldigt. Tjek, at du har skrevet det rigtigt.';
  } else if (brand === undefined) errors.cardNumber = 'Vi modtager kun Dankort, Visa og Mastercard.';
  const expiry = /^(\d{2})\s*\/?\s*(\d{2})$/.exec(values.expiry);
  const month = expiry ? Number(expiry[1]) : NaN;
  if (values.expiry === '') errors.expiry = 'Skriv kortets udløbsdato.';
  else if (!expiry || month < 1 || month > 12) errors.expiry = 'Skriv udløbsdatoen som MM/ÅÅ, fx 08/29.';
  if (!/^\d{3}$/.test(text('cvc'))) errors.cvc = 'Skriv de 3 cifre på bagsiden af kortet.';

  if (Object.keys(errors).length > 0 || brand === undefined || !expiry) return { ok: false, paymentId, values, errors };
  return {
    ok: true,
    paymentId,
    values,
    entry: { holderName: values.holderName, number, brand, expiryMonth: month, expiryYear: 2000 + Number(expiry[2]) },
  };
}
