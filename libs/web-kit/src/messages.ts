/** The portal's texts. Danish is the default; every key must exist in both languages. */
export const MESSAGES = {
  da: {
    'layout.skip': 'Gå til indhold',
    'layout.language': 'English',
    'layout.logout': 'Log af',
    'layout.myAccounts': 'Mine konti',
    'login.title': 'Log på',
    'login.email': 'E-mail',
    'login.password': 'Adgangskode',
    'login.submit': 'Log på med E-Mail',
    'login.oidc': 'Log på med {provider}',
    'login.oidcComing': 'Log på med {provider} åbner snart. Kontakt kommunen, hvis du har brug for hjælp nu.',
    'login.forgot': 'Glemt adgangskode',
    'login.signup': 'Ny bruger? Opret dig her',
    'login.failed': 'Forkert e-mail eller adgangskode',
    'login.throttled': 'For mange forsøg. Vent lidt, og prøv igen.',
    'login.required': 'Log på for at fortsætte.',
    'accounts.title': 'Mine konti',
    'accounts.empty': 'Der er ingen konti tilknyttet dit login endnu.',
    'accounts.card': 'Kortnummer',
    'accounts.balance': 'Saldo',
    'accounts.status.active': 'Aktivt',
    'accounts.status.blocked': 'Spærret',
    'accounts.status.replaced': 'Erstattet',
    'accounts.relation': 'Tilknyttet',
    'error.csrf': 'Siden var udløbet. Prøv igen.',
    'error.title': 'Der skete en fejl',
  },
  en: {
    'layout.skip': 'Skip to content',
    'layout.language': 'Dansk',
    'layout.logout': 'Log out',
    'layout.myAccounts': 'My accounts',
    'login.title': 'Log in',
    'login.email': 'Email',
    'login.password': 'Password',
    'login.submit': 'Log in with email',
    'login.oidc': 'Log in with {provider}',
    'login.oidcComing': 'Logging in with {provider} opens soon. Contact the municipality if you need help now.',
    'login.forgot': 'Forgot password',
    'login.signup': 'New user? Sign up here',
    'login.failed': 'Wrong email or password',
    'login.throttled': 'Too many attempts. Wait a little and try again.',
    'login.required': 'Log in to continue.',
    'accounts.title': 'My accounts',
    'accounts.empty': 'No accounts are linked to your login yet.',
    'accounts.card': 'Card number',
    'accounts.balance': 'Balance',
    'accounts.status.active': 'Active',
    'accounts.status.blocked': 'Blocked',
    'accounts.status.replaced': 'Replaced',
    'accounts.relation': 'Linked',
    'error.csrf': 'The page had expired. Please try again.',
    'error.title': 'Something went wrong',
  },
} as const;

export type Locale = keyof typeof MESSAGES;
export type MessageKey = keyof (typeof MESSAGES)['da'];
export const LOCALES = Object.keys(MESSAGES) as Locale[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as string[]).includes(value);
}

/** A message with its {placeholders} filled; unknown keys fail loudly in tests, not silently in pages. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const table: Record<string, string> = MESSAGES[locale];
  const text = table[key];
  if (text === undefined) throw new Error(`missing text "${key}" for ${locale}`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
