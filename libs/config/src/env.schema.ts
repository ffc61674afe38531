import { z } from 'zod';

// Demo defaults keep `npm run demo` zero-configuration; production sets every secret explicitly.
const DEMO_CPR_ENCRYPTION_KEY = 'ZGVtby1jcHIta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE='; // 32 bytes, base64
const DEMO_CPR_HMAC_KEY = 'ZGVtby1jcHItaG1hYy1rZXktZG8tbm90LXVzZS1pbi1wcm9k';

const port = z.coerce.number().int().min(1).max(65535);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** A privileged connection (runs migrations, creates the app role). Unset: embedded PostgreSQL. */
  DATABASE_URL: z.string().url().optional(),
  /** The application's own connection; derived from DATABASE_URL and APP_DB_PASSWORD when unset. */
  APP_DATABASE_URL: z.string().url().optional(),
  APP_DB_PASSWORD: z.string().min(8).default('kantinekort-app-demo'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  EMBEDDED_PG_PORT: port.default(54329),
  DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.string().url().optional(),
  REDIS_PORT: port.default(63799),
  WEB_PORT: port.default(3000),
  POS_PORT: port.default(3001),
  POS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  CPR_ENCRYPTION_KEY: z
    .string()
    .default(DEMO_CPR_ENCRYPTION_KEY)
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
  CPR_HMAC_KEY: z
    .string()
    .default(DEMO_CPR_HMAC_KEY)
    .refine((v) => Buffer.from(v, 'base64').length >= 32, 'must be at least 32 bytes, base64-encoded'),
  PUBLIC_BASE_URL_TEMPLATE: z.string().default('http://{host}:3000'),
  /** Signs the portal's session cookie. */
  SESSION_SECRET: z.string().min(32).default('kantinekort-demo-session-secret-do-not-use'),
  /** Where the portal hands its emails (activation codes, reset links): MailDev in the demo, a relay in production. */
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  /** Only plain-http development and tests may turn secure cookies off. */
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
});

export type Env = z.infer<typeof envSchema>;
