/**
 * Every message a person can see from this lib, Danish first (the default language) with
 * the English variant under the same key, so the web layer translates by key and no flow
 * has to know which language was chosen.
 */
export const IDENTITY_MESSAGES = {
  cprMissing: { da: 'CPR-nummeret mangler', en: 'The CPR number is missing' },
  cprNotTenDigits: { da: 'CPR-nummeret skal være 10 cifre', en: 'The CPR number must be 10 digits' },
  cprInvalidDate: {
    da: 'CPR-nummeret indeholder ikke en gyldig dato',
    en: 'The CPR number does not contain a valid date',
  },
  emailMissing: { da: 'E-mailadressen mangler', en: 'The email address is missing' },
  emailInvalid: { da: 'Skriv en gyldig e-mailadresse', en: 'Enter a valid email address' },
  emailTaken: { da: 'Der findes allerede en bruger med denne e-mail', en: 'A user with this email already exists' },
  cardNumberMissing: { da: 'Kortnummeret mangler', en: 'The card number is missing' },
  cardNumberInvalid: { da: 'Ugyldigt kortnummer', en: 'Invalid card number' },
  studentNotFound: {
    da: 'Vi kunne ikke finde en elev med dette CPR-nummer og kortnummer',
    en: 'We could not find a student with this CPR number and card number',
  },
  signupNotFound: {
    da: 'Oprettelsen er udløbet eller findes ikke. Start forfra.',
    en: 'The sign-up has expired or does not exist. Please start again.',
  },
  signupCompleted: {
    da: 'Brugeren er allerede oprettet. Log ind med din e-mail og adgangskode.',
    en: 'The user has already been created. Log in with your email and password.',
  },
  tooManyAttempts: {
    da: 'For mange forkerte forsøg. Start oprettelsen forfra.',
    en: 'Too many wrong attempts. Please start the sign-up again.',
  },
  codeFormat: { da: 'Aktiveringskoden er 6 cifre', en: 'The activation code is 6 digits' },
  codeWrong: { da: 'Aktiveringskoden er forkert', en: 'The activation code is wrong' },
  codeExpired: {
    da: 'Aktiveringskoden er udløbet. Start oprettelsen forfra.',
    en: 'The activation code has expired. Please start the sign-up again.',
  },
  codeUsed: { da: 'Aktiveringskoden er allerede brugt', en: 'The activation code has already been used' },
  codeRequired: { da: 'Indtast først aktiveringskoden', en: 'Enter the activation code first' },
  passwordMissing: { da: 'Adgangskoden mangler', en: 'The password is missing' },
  passwordTooShort: {
    da: 'Adgangskoden skal være mindst 8 tegn',
    en: 'The password must be at least 8 characters',
  },
  passwordTooLong: {
    da: 'Adgangskoden må højst være 128 tegn',
    en: 'The password must be at most 128 characters',
  },
  passwordCommon: {
    da: 'Adgangskoden er for almindelig og let at gætte. Vælg en anden.',
    en: 'The password is too common and easy to guess. Choose another.',
  },
  passwordContainsEmail: {
    da: 'Adgangskoden må ikke indeholde din e-mailadresse',
    en: 'The password must not contain your email address',
  },
  passwordsDiffer: { da: 'Adgangskoderne er ikke ens', en: 'The passwords do not match' },
  loginFailed: { da: 'Forkert e-mail eller adgangskode', en: 'Wrong email or password' },
  resetLinkInvalid: {
    da: 'Linket til at nulstille adgangskoden er udløbet eller allerede brugt. Bestil et nyt.',
    en: 'The password reset link has expired or has already been used. Request a new one.',
  },
  noCardForCpr: {
    da: 'Der er ikke registreret et kantinekort til dit CPR-nummer. Kontakt kortudstederen (kommunen eller skolen).',
    en: 'No canteen card is registered for your CPR number. Contact the card issuer (the municipality or school).',
  },
  cprNotYours: {
    da: 'CPR-nummeret passer ikke til dit MitID',
    en: 'The CPR number does not match your MitID',
  },
  relationPending: { da: 'Afventer godkendelse', en: 'Awaiting approval' },
  relationAdded: { da: 'Kontoen er nu tilføjet', en: 'The account has been added' },
  requestNotFound: { da: 'Anmodningen findes ikke længere', en: 'The request no longer exists' },
} as const satisfies Record<string, { readonly da: string; readonly en: string }>;

export type IdentityMessageKey = keyof typeof IDENTITY_MESSAGES;
export type IdentityLanguage = 'da' | 'en';

/** The input a failure belongs beside; 'form' when it concerns the whole step. */
export type IdentityField =
  'cpr' | 'email' | 'name' | 'cardNumber' | 'code' | 'password' | 'passwordRepeat' | 'token' | 'form';

/** A user error, answered as a value: flows never throw for what a person typed. */
export interface IdentityFailure {
  readonly ok: false;
  readonly field: IdentityField;
  readonly key: IdentityMessageKey;
  /** Danish; translate with identityMessage(key, 'en'). */
  readonly message: string;
}

export function identityMessage(key: IdentityMessageKey, language: IdentityLanguage = 'da'): string {
  return IDENTITY_MESSAGES[key][language];
}

/** `message` overrides the catalogue where a tenant words it itself (e.g. "Ugyldigt Kortnummer"). */
export function identityFailure(field: IdentityField, key: IdentityMessageKey, message?: string): IdentityFailure {
  return { ok: false, field, key, message: message ?? IDENTITY_MESSAGES[key].da };
}
