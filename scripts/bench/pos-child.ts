import { loadEnv } from '@kk/config';
import { assertRestrictedRole, createAppDataSource } from '@kk/database';
import { createPosApp } from '../../apps/pos/src/create-pos-app';
import { LOW_BALANCE_THRESHOLD } from './workload';

/**
 * The POS app as apps/pos/src/main.ts's startPos builds it — same pool, role check, rate
 * limiter and createPosApp — minus syncing the tenants/ folder's tenants, which the bench
 * does not use (its tenants are seeded, and none has an auto top-up: the app's default
 * threshold applies). Keeps the bench independent of tenant configuration.
 * Run by pos-server.ts as a child process instead of main.js when BENCH_POS_CHILD=1.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const appUrl = env.APP_DATABASE_URL;
  if (!appUrl) throw new Error('APP_DATABASE_URL is required');
  const dataSource = await createAppDataSource({
    url: appUrl,
    poolSize: env.DB_POOL_SIZE,
    applicationName: 'pos',
  }).initialize();
  await assertRestrictedRole((sql) => dataSource.query(sql));
  const app = await createPosApp({
    dataSource,
    rateLimitPerMinute: env.POS_RATE_LIMIT_PER_MINUTE,
    lowBalanceThreshold: () => LOW_BALANCE_THRESHOLD,
  });
  await app.listen({ port: env.POS_PORT, host: '127.0.0.1' });
  process.stdout.write(`POS API listening on http://127.0.0.1:${env.POS_PORT}/pos/v1\n`);
  const shutdown = (): void => {
    void app
      .close()
      .then(() => dataSource.destroy())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
