import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const base64Key = (bytes: number) =>
  z.string().refine((v) => Buffer.from(v, 'base64').length >= bytes, `must be at least ${bytes} bytes, base64-encoded`);

/**
 * The environment as the apps read it. Secrets have no defaults here: in the explicit
 * `demo` and `test` modes loadEnv fills in the known demo values, and everywhere else
 * (production, which is also what an unset NODE_ENV means) every secret must be given and
 * the demo values are refused.
 */
export const envSchema = z.object({
  /** `demo` (npm run demo, npm run cli) and `test` (npm test) relax the rules; anything else is production. */
  NODE_ENV: z.enum(['production', 'demo', 'test']).default('production'),
  /** A privileged connection (runs migrations, creates the app role). Unset in demo/test: embedded PostgreSQL. */
  DATABASE_URL: z.string().url().optional(),
  /** The serving apps' own connection (the restricted app role); in production the only one they get. */
  APP_DATABASE_URL: z.string().url().optional(),
  /** The app role's password, set by the migration step (derives APP_DATABASE_URL in demo/test). */
  APP_DB_PASSWORD: z.string().min(8).optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  EMBEDDED_PG_PORT: port.default(54329),
  DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.string().url().optional(),
  REDIS_PORT: port.default(63799),
  WEB_PORT: port.default(3000),
  POS_PORT: port.default(3001),
  POS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Which proxies in front of the apps to believe about the client's address and scheme
   * (X-Forwarded-For/-Proto): `false` (none, the default), `true` (any: only behind a proxy
   * that strips these headers), a hop count, or a comma-separated list of addresses/subnets.
   */
  TRUST_PROXY: z.string().default('false'),
  CPR_ENCRYPTION_KEY: base64Key(32).refine((v) => Buffer.from(v, 'base64').length === 32, 'must be exactly 32 bytes'),
  CPR_HMAC_KEY: base64Key(32),
  /** Encrypts the TOTP secrets of logins with two-factor sign-in. */
  MFA_ENCRYPTION_KEY: base64Key(32).refine((v) => Buffer.from(v, 'base64').length === 32, 'must be exactly 32 bytes'),
  /**
   * The portal's public origin per tenant host, `{host}` replaced by the host: links in
   * emails and the OIDC redirect are built from it, never from request headers. An
   * `https://` template also makes the session cookies Secure (and `__Host-` named).
   */
  PUBLIC_BASE_URL_TEMPLATE: z
    .string()
    .refine(
      (v) => /^https?:\/\/[^/]*\{host\}[^/]*$/.test(v),
      'must look like https://{host} (scheme, {host}, optional port)',
    ),
  /** Signs the portal's session and CSRF cookies. */
  SESSION_SECRET: z.string().min(32),
  /** Where the worker hands the e-mails (activation codes, reset links): MailDev in the demo, a relay in production. */
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  /** The JSON logs' level (pino's names, or `silent`); unset: `info`, and `silent` under NODE_ENV=test. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /**
   * How many argon2id hashes (logins, sign-ups, resets) one portal process runs at once; the
   * rest queue. Unset: one fewer than the machine's cores, at least one (PasswordHasher).
   */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** The worker's ops-only HTTP port (/health/live, /health/ready, /metrics); 0 picks a free one. */
  WORKER_OPS_PORT: z.coerce.number().int().min(0).max(65535).default(3004),
});

export type Env = z.infer<typeof envSchema>;
export type RunMode = Env['NODE_ENV'];
