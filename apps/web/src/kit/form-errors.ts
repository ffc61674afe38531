import { identityMessage, type IdentityFailure } from '@kk/identity';
import type { Locale } from '@kk/texts';

/** Errors shown beside their fields: `errors.<field>` is the text, `errors.form` the whole step's. */
export type FormErrors = Readonly<Partial<Record<string, string>>>;

/**
 * A failure from the identity lib, in the page's language. The Danish text is the lib's
 * own, which may be the tenant's wording ("Ugyldigt Kortnummer").
 */
export function identityText(failure: IdentityFailure, locale: Locale): string {
  return locale === 'da' ? failure.message : identityMessage(failure.key, locale);
}

/** The same failure, beside the field it belongs to. */
export function identityErrors(failure: IdentityFailure, locale: Locale): FormErrors {
  return { [failure.field]: identityText(failure, locale) };
}
