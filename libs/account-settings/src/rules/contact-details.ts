/** "Adresse og kontakt" as typed. */
export interface ContactForm {
  readonly email: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
}

/**
 * Where an ordered card is sent (street, Danish postal code, town: all three or none) and
 * where receipts go. Null: not given.
 */
export interface ContactDetails {
  readonly email: string | null;
  readonly street: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
}

export type ContactField = keyof ContactForm;

export type ContactFieldError = { readonly field: ContactField; readonly reason: 'missing' | 'invalid' | 'tooLong' };

export type ContactCheck =
  | { readonly ok: true; readonly details: ContactDetails }
  | { readonly ok: false; readonly errors: readonly ContactFieldError[] };

export const MAX_STREET_LENGTH = 100;
export const MAX_CITY_LENGTH = 60;

// As "Indbetal" checks a receipt address: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Danish postal codes are four digits (0800–9990).
const POSTAL_CODE = /^[0-9]{4}$/;
// "Søborg", "Kgs. Lyngby", "København Ø", "Hvide Sande": letters, spaces, dots, hyphens, apostrophes.
const TOWN = /^\p{L}[\p{L}\p{M} .'-]*$/u;
const HAS_LETTER = /\p{L}/u;

/** Every field checked at once; an address is refused half-filled, naming each missing part. */
export function checkContactDetails(form: ContactForm): ContactCheck {
  const email = form.email.trim().toLowerCase();
  const street = collapse(form.street);
  const postalCode = form.postalCode.replace(/\s+/g, '');
  const city = collapse(form.city);
  const errors: ContactFieldError[] = [];

  if (email !== '' && (email.length > 254 || !EMAIL.test(email))) errors.push({ field: 'email', reason: 'invalid' });

  const anyAddress = street !== '' || postalCode !== '' || city !== '';
  if (anyAddress) {
    if (street === '') errors.push({ field: 'street', reason: 'missing' });
    else if (street.length > MAX_STREET_LENGTH) errors.push({ field: 'street', reason: 'tooLong' });
    else if (!HAS_LETTER.test(street)) errors.push({ field: 'street', reason: 'invalid' });

    if (postalCode === '') errors.push({ field: 'postalCode', reason: 'missing' });
    else if (!POSTAL_CODE.test(postalCode)) errors.push({ field: 'postalCode', reason: 'invalid' });

    if (city === '') errors.push({ field: 'city', reason: 'missing' });
    else if (city.length > MAX_CITY_LENGTH) errors.push({ field: 'city', reason: 'tooLong' });
    else if (!TOWN.test(city)) errors.push({ field: 'city', reason: 'invalid' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    details: {
      email: email === '' ? null : email,
      street: anyAddress ? street : null,
      postalCode: anyAddress ? postalCode : null,
      city: anyAddress ? city : null,
    },
  };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
