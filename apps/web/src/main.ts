import { join } from 'node:path';
import Redis from 'ioredis';
import { ACCOUNT_SETTINGS_ENTITIES } from '@kk/account-settings';
import { BALANCE_ALERT_ENTITIES } from '@kk/balance-alerts';
import { CARDHOLDER_ENTITIES, CprCipher } from '@kk/cardholders';
import { isRelaxedMode, loadEnv, publicOrigin, trustProxySetting, type Env } from '@kk/config';
import { assertRestrictedRole, createAppDataSource, openAppDatabase } from '@kk/database';
import { openLocalRedis } from '@kk/jobs';
import { createLogger } from '@kk/observability';
import { IDENTITY_ENTITIES, TotpSecretBox } from '@kk/identity';
import { ConfiguredPaymentProviders, PAYMENT_ENTITIES } from '@kk/payments';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import { resolveOidcClientSecrets } from './oidc/oidc-client-secrets';
import { createWebApp } from './web-app.factory';

export { createWebApp } from './web-app.factory';

export interface RunningWeb {
  stop(): Promise<void>;
}

/** The portal against the restricted app role and Redis sessions; used by main and the demo. */
export async function startWeb(env: Env, appUrl: string, redisUrl: string): Promise<RunningWeb> {
  // Configuration first: a bad tenant.yaml or a missing OIDC secret stops start-up before any connection.
  const registry = loadTenants(defaultTenantsDir());
  const oidcClientSecrets = resolveOidcClientSecrets(registry.all(), process.env, isRelaxedMode(env));
  const paymentProviders = new ConfiguredPaymentProviders(registry.all(), process.env, isRelaxedMode(env));
  const dataSource = await createAppDataSource({
    entities: [
      ...CARDHOLDER_ENTITIES,
      ...IDENTITY_ENTITIES,
      ...PAYMENT_ENTITIES,
      ...BALANCE_ALERT_ENTITIES,
      ...ACCOUNT_SETTINGS_ENTITIES,
    ],
    url: appUrl,
    poolSize: env.DB_POOL_SIZE,
    applicationName: 'web',
  }).initialize();
  await assertRestrictedRole((sql) => dataSource.query(sql));
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const app = await createWebApp({
    tenants: { registry },
    log: { level: env.LOG_LEVEL },
    trustProxy: trustProxySetting(env),
    portal: {
      dataSource,
      redis,
      sessionSecret: env.SESSION_SECRET,
      secureCookies: env.PUBLIC_BASE_URL_TEMPLATE.startsWith('https:'),
      publicOrigin: (host) => publicOrigin(env, host),
      oidcClientSecrets,
      cprCipher: new CprCipher(env.CPR_ENCRYPTION_KEY, env.CPR_HMAC_KEY),
      totpSecretBox: new TotpSecretBox(env.MFA_ENCRYPTION_KEY),
      // Sign-up and reset e-mails go through the outbox; the worker sends them.
      emailAccounts: true,
      paymentProviders,
      passwordHashConcurrency: env.PASSWORD_HASH_CONCURRENCY,
    },
  });
  await app.listen(env.WEB_PORT);
  return {
    stop: async () => {
      await app.close();
      // quit, not disconnect: rate-limit stores may still be loading their scripts.
      await redis.quit();
      // TypeOrmModule destroys it when the app closes; a portal without the signed-in pages does not.
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

async function main(): Promise<void> {
  const env = loadEnv();
  const db = await openAppDatabase(env);
  const redis = await openLocalRedis(env.REDIS_URL, { port: env.REDIS_PORT, dataDir: join(env.DATA_DIR, 'redis') });
  const web = await startWeb(env, db.appUrl, redis.url);
  // Whatever LOG_LEVEL says: an operator's scripts wait for this line.
  createLogger({ app: 'web', level: 'info' }).info({ port: env.WEB_PORT }, `Portal listening on port ${env.WEB_PORT}`);
  const shutdown = (): void => {
    void web
      .stop()
      .then(() => redis.release())
      .then(() => db.release())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
