import { loadEnv, trustProxySetting } from '@kk/config';
import { assertRestrictedRole, createAppDataSource, openAppDatabase, syncTenants } from '@kk/database';
import { createLogger } from '@kk/observability';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import { createPosApp } from './create-pos-app';

const DEFAULT_LOW_BALANCE_THRESHOLD = 5000;

export interface RunningPos {
  readonly url: string;
  /** Where /health/live, /health/ready and /metrics answer. */
  readonly opsUrl: string;
  stop(): Promise<void>;
}

/** Starts the till API against the app role; used by `node dist/apps/pos/src/main.js` and the demo. */
export async function startPos(appUrl: string, port: number): Promise<RunningPos> {
  const env = loadEnv();
  const tenants = loadTenants(defaultTenantsDir());
  const dataSource = await createAppDataSource({
    url: appUrl,
    poolSize: env.DB_POOL_SIZE,
    applicationName: 'pos',
  }).initialize();
  await assertRestrictedRole((sql) => dataSource.query(sql));
  await syncTenants(
    dataSource,
    tenants.all().map((t) => ({ slug: t.slug, name: t.displayName })),
  );
  const app = await createPosApp({
    dataSource,
    rateLimitPerMinute: env.POS_RATE_LIMIT_PER_MINUTE,
    trustProxy: trustProxySetting(env),
    lowBalanceThreshold: (tenantId) => tenants.get(tenantId)?.autoTopUp.thresholdOre ?? DEFAULT_LOW_BALANCE_THRESHOLD,
  });
  await app.listen({ port, host: '0.0.0.0' });
  return {
    url: `http://localhost:${port}/pos/v1`,
    opsUrl: `http://localhost:${port}`,
    stop: async () => {
      await app.close();
      await dataSource.destroy();
    },
  };
}

async function main(): Promise<void> {
  const env = loadEnv();
  const db = await openAppDatabase(env);
  const pos = await startPos(db.appUrl, env.POS_PORT);
  // Whatever LOG_LEVEL says: scripts/bench and an operator's scripts wait for this line.
  createLogger({ app: 'pos', level: 'info' }).info({ url: pos.url }, `POS API listening on ${pos.url}`);
  const shutdown = (): void => {
    void pos
      .stop()
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
