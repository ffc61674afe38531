import { identityMessage, type IdentityFailure, type IdentityField } from '@kk/identity';
import { t, type Locale, type PlainTextKey } from '@kk/texts';

/** Errors shown beside their fields: `errors.<field>` is the text, `errors.form` the whole step's. */
export type FormErrors = Partial<Record<IdentityField, string>>;

/**
 * A failure from the identity lib, in the page's language. The Danish text is the lib's
 * own, which may be the tenant's wording ("Ugyldigt Kortnummer").
 */
export function identityErrors(failure: IdentityFailure, locale: Locale): FormErrors {
  const message = locale === 'da' ? failure.message : identityMessage(failure.key, locale);
  return { [failure.field]: message };
}

/** An error of the portal's own (not the lib's), for the whole form. */
export function formError(locale: Locale, key: PlainTextKey): FormErrors {
  return { form: t(locale, key) };
}
