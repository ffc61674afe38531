import { z } from 'zod';
import { LOCALES, type Locale } from '@kk/texts';
import type { TenantId } from './tenant-id';
import { contrastRatio } from './wcag-contrast';

// WCAG 2.1 AA (SC 1.4.3 text, 1.4.11 non-text): public-sector portals must meet these,
// so a theme that fails them is a configuration error, not a design choice.
const TEXT_CONTRAST = 4.5;
const UI_CONTRAST = 3;

const text = z.string().trim().min(1, 'must not be empty');

const hexColor = z.string().trim().toLowerCase().refine(isHexColor, 'must be a colour like #1d4e89');

const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
    'must be a host name without scheme or port, e.g. sctibs.localhost',
  );

const ore = z.int('must be a whole number of øre').nonnegative('must not be negative');

const envVarName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'must be an environment variable name, e.g. GLADSAXE_OIDC_CLIENT_SECRET');

const httpUrl = z.url({ protocol: /^https?$/, error: unlessMissing('must be an http(s) URL') });

// The portal's languages are the text catalogue's: a tenant cannot offer one without texts.
const localeCode = z.enum(LOCALES);

function uniqueList<T extends z.ZodType<string>>(item: T) {
  return z.array(item).superRefine((values, ctx) => {
    values.forEach((value, index) => {
      if (values.indexOf(value) !== index) {
        ctx.addIssue({ code: 'custom', path: [index], message: `"${value}" is listed twice` });
      }
    });
  });
}

const emailLogin = z.strictObject({
  method: z.literal('email'),
  // Self sign-up: CPR of the student + email -> activation code -> password.
  selfSignUp: z.boolean().default(false),
});

// The scopes under which brokers hand out the CPR claim: NEB and Idura `ssn`, Signicat `nin`.
const CPR_SCOPES = ['ssn', 'nin'];

const oidcLogin = z
  .strictObject({
    method: z.literal('oidc'),
    // Shown on the login button ("Log på med MitID").
    providerName: text.default('MitID'),
    issuer: httpUrl,
    // Tests and deployments run the IdP on other addresses than the file's default.
    issuerEnv: envVarName.optional(),
    clientId: text,
    clientSecretEnv: envVarName,
    scopes: uniqueList(text)
      .default(['openid'])
      .refine((scopes) => scopes.includes('openid'), 'must include "openid"'),
    // First login links the identity to the person with the broker-vouched CPR.
    cprLinking: z.boolean().default(true),
    // How the broker vouches for the CPR: `claim` (public-sector service providers get it in
    // the ID token) or `match` (the citizen types it once, the broker's CPR match confirms it).
    cprVerification: z
      .enum(['claim', 'match'], { error: unlessMissing('must be "claim" or "match"') })
      .default('match'),
    // claim: the ID-token claim that carries the CPR (NEB `dk.cpr`, Signicat `nin`, Idura `cprNumberIdentifier`).
    cprClaim: text.default('dk.cpr'),
    // match: the broker's CPR-match endpoint; by default NEB's path under the issuer.
    cprMatchUrl: httpUrl.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.cprLinking && value.cprVerification === 'claim' && !value.scopes.some((s) => CPR_SCOPES.includes(s))) {
      ctx.addIssue({
        code: 'custom',
        path: ['scopes'],
        message: `must include the scope that carries the CPR claim (${CPR_SCOPES.join(' or ')}) when cprVerification is "claim"`,
      });
    }
  });

const login = z.discriminatedUnion('method', [emailLogin, oidcLogin], {
  error: unlessMissing('must be "email" or "oidc"'),
});

const cardNumber = z.strictObject({
  // Matched against the whole (normalised) card number; no ^ or $ needed.
  pattern: text.refine(isValidRegExp, 'must be a valid regular expression').default('[A-Z0-9]{4,32}'),
  upperCase: z.boolean().default(true),
  invalidMessage: text.default('Ugyldigt kortnummer'),
  hint: text.optional(),
});

const payouts = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('self_service') }),
    // Not self-service: the portal shows how to ask the tenant instead.
    z.strictObject({ mode: z.literal('contact'), contactText: text }),
  ],
  { error: unlessMissing('must be "self_service" or "contact"') },
);

const remoteSupport = z
  .strictObject({
    enabled: z.boolean().default(false),
    url: httpUrl.optional(),
  })
  .refine((value) => !value.enabled || value.url !== undefined, {
    path: ['url'],
    message: 'is required when remote support is enabled',
  });

const features = z.strictObject({
  cardNumberChange: z.boolean().default(false),
  cardOrdering: z.strictObject({ enabled: z.boolean().default(false), feeOre: ore.default(0) }).prefault({}),
  paymentMethods: uniqueList(z.enum(['card', 'mobilepay']))
    .min(1, 'must offer at least one payment method')
    .default(['card']),
  depositsToBlockedAccount: z.boolean().default(true),
  payouts: payouts.prefault({ mode: 'self_service' }),
  spendingLimits: z.boolean().default(false),
  deviceRestrictions: z.boolean().default(false),
  photo: z.boolean().default(false),
  statementTabName: text.default('Kontoudskrift'),
  subscriptions: z.boolean().default(false),
  webshop: z.boolean().default(false),
  remoteSupport: remoteSupport.prefault({}),
});

// The providers' addresses differ between the stand-in, their test hosts and production;
// `baseUrlEnv` overrides the file's value per deployment, like login.issuerEnv.
const nexiSettings = z.strictObject({
  // Nexi Checkout's Payment API: https://test.api.dibspayment.eu or https://api.dibspayment.eu.
  baseUrl: httpUrl,
  baseUrlEnv: envVarName.optional(),
  secretKeyEnv: envVarName,
  // The 8–32 character value Nexi sends back in each webhook's Authorization header.
  webhookAuthorizationEnv: envVarName,
});

const mobilePaySettings = z.strictObject({
  // Vipps MobilePay: https://apitest.vipps.no or https://api.vipps.no.
  baseUrl: httpUrl,
  baseUrlEnv: envVarName.optional(),
  clientId: text,
  clientSecretEnv: envVarName,
  subscriptionKeyEnv: envVarName,
  merchantSerialNumber: z.string().regex(/^[0-9]{4,6}$/, 'must be the merchant serial number (4–6 digits)'),
  // The secret the webhook registration returned; signs every event.
  webhookSecretEnv: envVarName,
});

const kroner = z.int('must be a whole number of kroner').positive('must be at least 1');

const payments = z
  .strictObject({
    // "Indbetal": whole kroner, inclusive.
    deposit: z
      .strictObject({ minKroner: kroner.default(50), maxKroner: kroner.default(2000) })
      .refine((value) => value.minKroner <= value.maxKroner, {
        path: ['maxKroner'],
        message: 'must not be below minKroner',
      })
      .prefault({}),
    // "Automatisk Optankning": the amount a parent may choose, whole kroner, inclusive.
    autoTopUp: z
      .strictObject({ minKroner: kroner.default(100), maxKroner: kroner.default(1000) })
      .refine((value) => value.minKroner <= value.maxKroner, {
        path: ['maxKroner'],
        message: 'must not be below minKroner',
      })
      .prefault({}),
    // "Handelsbetingelser og vilkår", shown before every payment; paragraphs split by blank lines.
    terms: text,
    nexi: nexiSettings.optional(),
    mobilepay: mobilePaySettings.optional(),
  })
  .optional();

const support = z.strictObject({
  text,
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ]{5,18}[0-9]$/, 'must be a phone number, e.g. 7199 5445')
    .optional(),
  email: z.email('must be an email address').optional(),
  hours: text.optional(),
});

const theme = z
  .strictObject({
    primaryColor: hexColor.default('#1d4e89'),
    accentColor: hexColor.default('#b3261e'),
    textColor: hexColor.default('#1a1a1a'),
    backgroundColor: hexColor.default('#ffffff'),
    logo: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png|jpe?g|webp)$/,
        'must be a file name in the theme folder, e.g. logo.svg',
      )
      .default('logo.svg'),
  })
  .superRefine((value, ctx) => {
    if (!isHexColor(value.backgroundColor)) {
      return;
    }
    const checks = [
      ['textColor', value.textColor, TEXT_CONTRAST],
      // Links and headings are drawn in the primary colour.
      ['primaryColor', value.primaryColor, TEXT_CONTRAST],
      // Focus rings and borders.
      ['accentColor', value.accentColor, UI_CONTRAST],
    ] as const;
    for (const [key, colour, needed] of checks) {
      if (!isHexColor(colour)) {
        continue;
      }
      const ratio = contrastRatio(colour, value.backgroundColor);
      if (ratio < needed) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `contrast with backgroundColor is ${ratio.toFixed(2)}:1, WCAG 2.1 AA needs ${needed}:1`,
        });
      }
    }
  });

export const tenantConfigSchema = z
  .strictObject({
    displayName: text,
    // Defaults to displayName.
    productName: text.optional(),
    hosts: uniqueList(hostName).min(1, 'must list at least one host'),
    locale: z
      .strictObject({
        default: localeCode.default('da'),
        offered: uniqueList(localeCode).min(1).default(['da', 'en']),
      })
      .refine((value) => value.offered.includes(value.default), {
        path: ['default'],
        message: 'must be one of the offered locales',
      })
      .prefault({}),
    login,
    cardNumber: cardNumber.prefault({}),
    features: features.prefault({}),
    support,
    autoTopUp: z.strictObject({ thresholdOre: ore.default(5000) }).prefault({}),
    payments,
    theme: theme.prefault({}),
  })
  .superRefine((value, ctx) => {
    // A payment method offered without its provider would fail at the parent's first "Næste".
    const methods = value.features.paymentMethods;
    if (methods.includes('card') && value.payments && !value.payments.nexi) {
      ctx.addIssue({
        code: 'custom',
        path: ['payments', 'nexi'],
        message: 'is required: features.paymentMethods offers card',
      });
    }
    if (methods.includes('mobilepay') && value.payments && !value.payments.mobilepay) {
      ctx.addIssue({
        code: 'custom',
        path: ['payments', 'mobilepay'],
        message: 'is required: features.paymentMethods offers mobilepay',
      });
    }
  })
  .transform((value) => ({ ...value, productName: value.productName ?? value.displayName }));

/** What an operator writes in tenant.yaml. */
export type TenantConfigInput = z.input<typeof tenantConfigSchema>;
/** tenant.yaml after validation and defaults. */
export type TenantSettings = z.output<typeof tenantConfigSchema>;
export type TenantConfig = TenantSettings & {
  /** The tenant folder's name: the tenant's id wherever a lib asks who is calling. */
  readonly slug: TenantId;
  /** Absolute path of the tenant folder. */
  readonly dir: string;
};
export type LoginConfig = TenantSettings['login'];
export type OidcLoginConfig = Extract<LoginConfig, { method: 'oidc' }>;
export type CardNumberFormat = TenantSettings['cardNumber'];
export type TenantFeatures = TenantSettings['features'];
export type TenantTheme = TenantSettings['theme'];
export type PaymentMethod = TenantFeatures['paymentMethods'][number];
/** Absent: the tenant takes no payments (deposits and auto top-up are not offered). */
export type PaymentSettings = NonNullable<TenantSettings['payments']>;
export type NexiSettings = NonNullable<PaymentSettings['nexi']>;
export type MobilePaySettings = NonNullable<PaymentSettings['mobilepay']>;
export type { Locale };

/** Validates parsed tenant.yaml content; a missing key reads "is required". */
export function parseTenantSettings(data: unknown): z.ZodSafeParseResult<TenantSettings> {
  return tenantConfigSchema.safeParse(data, { error: unlessMissing(undefined, 'is required') });
}

// A custom message would otherwise hide that the key is simply absent.
function unlessMissing(message: string | undefined, missing?: string) {
  return (issue: { code?: string; input?: unknown }): string | undefined =>
    issue.code === 'invalid_type' && issue.input === undefined ? missing : message;
}

function isHexColor(value: string): boolean {
  return /^#[0-9a-f]{6}$/.test(value);
}

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
