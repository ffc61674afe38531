import { envSchema, type Env } from './env.schema';

export class EnvConfigError extends Error {}

/**
 * The values `npm run demo` and `npm test` run with, so both need no configuration. They
 * are public (they are in this file), so outside those two modes each is refused.
 */
const DEMO_SECRETS = {
  CPR_ENCRYPTION_KEY: 'ZGVtby1jcHIta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=',
  CPR_HMAC_KEY: 'ZGVtby1jcHItaG1hYy1rZXktZG8tbm90LXVzZS1pbi1wcm9k',
  MFA_ENCRYPTION_KEY: 'ZGVtby1tZmEta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=',
  SESSION_SECRET: 'kantinekort-demo-session-secret-do-not-use',
  APP_DB_PASSWORD: 'kantinekort-app-demo',
} as const;

/** The MitID stand-in's demo client secret (apps/idp-sim and the demo share it). */
export const DEMO_OIDC_CLIENT_SECRET = 'gladsaxe-demo-secret';

/**
 * The payment-gateway stand-in's demo merchant keys (apps/gateway-sim and the demo share
 * them), and the webhook values the demo registers with it. They open nothing at the real
 * providers, and are refused outside demo and test like every value here.
 */
export const DEMO_PAYMENT_KEYS = {
  nexiSecretKey: 'test-secret-key-5d6a1f0c2b7e4a9d8c3b1e0f7a6d5c4b',
  nexiWebhookAuthorization: 'demoWebhookAuthorization42',
  mobilePayClientSecret: 'demo-client-secret-2f9c8e7d6b5a4f3e',
  mobilePaySubscriptionKey: '8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e',
  // Until the demo registers its webhook and sets the secret MobilePay answered.
  mobilePayWebhookSecret: 'demo-mobilepay-webhook-secret-unregistered',
} as const;

const KNOWN_DEMO_VALUES = new Set<string>([
  ...Object.values(DEMO_SECRETS),
  DEMO_OIDC_CLIENT_SECRET,
  ...Object.values(DEMO_PAYMENT_KEYS),
]);

/** True for a secret that ships in this repository: never acceptable outside demo and test. */
export function isDemoSecret(value: string | undefined): boolean {
  return value !== undefined && KNOWN_DEMO_VALUES.has(value);
}

const REQUIRED_IN_PRODUCTION = [
  'CPR_ENCRYPTION_KEY',
  'CPR_HMAC_KEY',
  'MFA_ENCRYPTION_KEY',
  'SESSION_SECRET',
  'PUBLIC_BASE_URL_TEMPLATE',
] as const;

/** Validates the environment once; a bad value stops start-up naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const relaxed = source.NODE_ENV === 'demo' || source.NODE_ENV === 'test';
  const problems: string[] = [];
  if (!relaxed) {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!source[name]) problems.push(`  ${name}: required outside NODE_ENV=demo/test`);
    }
    for (const name of [...Object.keys(DEMO_SECRETS), 'APP_DATABASE_URL']) {
      if (isDemoSecret(secretPart(name, source[name]))) {
        problems.push(`  ${name}: is the public demo value; set a secret of your own`);
      }
    }
  }
  const input = relaxed ? withDemoDefaults(source) : source;
  const result = envSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.join('.');
      // A missing production secret is reported once, by the check above.
      if (!problems.some((p) => p.startsWith(`  ${name}:`))) problems.push(`  ${name}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new EnvConfigError(`Invalid environment:\n${problems.join('\n')}`);
  return result.data;
}

function withDemoDefaults(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const webPort = source.WEB_PORT || '3000';
  return {
    ...DEMO_SECRETS,
    PUBLIC_BASE_URL_TEMPLATE: `http://{host}:${webPort}`,
    ...Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== '')),
  };
}

// A connection URL is checked by its password.
function secretPart(name: string, value: string | undefined): string | undefined {
  if (!value || name !== 'APP_DATABASE_URL') return value;
  try {
    return decodeURIComponent(new URL(value).password);
  } catch {
    return undefined;
  }
}

/** Whether the explicit demo/test mode is on (demo values, embedded servers, migrations at start). */
export function isRelaxedMode(env: Pick<Env, 'NODE_ENV'>): boolean {
  return env.NODE_ENV === 'demo' || env.NODE_ENV === 'test';
}

/** TRUST_PROXY as Express's `trust proxy` and Fastify's `trustProxy` take it. */
export function trustProxySetting(env: Pick<Env, 'TRUST_PROXY'>): boolean | number | string[] {
  const value = env.TRUST_PROXY.trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The public origin of one tenant host, from PUBLIC_BASE_URL_TEMPLATE. */
export function publicOrigin(env: Pick<Env, 'PUBLIC_BASE_URL_TEMPLATE'>, host: string): string {
  return env.PUBLIC_BASE_URL_TEMPLATE.replace('{host}', host);
}
