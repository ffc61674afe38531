import { DEFAULT_LOCALE, t, type Locale, type PlainTextKey, type TextKeysUnder } from '@kk/texts';

/**
 * What a person can be told by this lib: the keys under `identity.` in the one text catalogue
 * (libs/texts), so a failure without a text in every language does not compile, and the web
 * layer translates by key without knowing which flow answered.
 */
export type IdentityMessageKey = TextKeysUnder<'identity'>;

/** The catalogue key of an identity message; its texts take no placeholders. */
export function identityTextKey(key: IdentityMessageKey): Extract<PlainTextKey, `identity.${string}`> {
  return `identity.${key}`;
}

export function identityMessage(key: IdentityMessageKey, locale: Locale = DEFAULT_LOCALE): string {
  return t(locale, identityTextKey(key));
}

/** The input a failure belongs beside; 'form' when it concerns the whole step. */
export type IdentityField =
  'cpr' | 'email' | 'name' | 'cardNumber' | 'code' | 'password' | 'passwordRepeat' | 'token' | 'form';

/** A user error, answered as a value: flows never throw for what a person typed. */
export interface IdentityFailure {
  readonly ok: false;
  readonly field: IdentityField;
  readonly key: IdentityMessageKey;
  /** Danish, possibly the tenant's own wording; other languages: identityMessage(key, locale). */
  readonly message: string;
}

/** `message` overrides the catalogue where a tenant words it itself (e.g. "Ugyldigt Kortnummer"). */
export function identityFailure(field: IdentityField, key: IdentityMessageKey, message?: string): IdentityFailure {
  return { ok: false, field, key, message: message ?? identityMessage(key) };
}
