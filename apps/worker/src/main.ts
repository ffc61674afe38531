import 'reflect-metadata';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bull';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AdvancedSettings, Queue } from 'bull';
import { BALANCE_ALERT_ENTITIES } from '@kk/balance-alerts';
import { CARDHOLDER_ENTITIES, CprCipher } from '@kk/cardholders';
import { isRelaxedMode, loadEnv, publicOrigin, type Env } from '@kk/config';
import { assertRestrictedRole, createAppDataSource, openAppDatabase } from '@kk/database';
import { openLocalRedis, QUEUE_NAMES } from '@kk/jobs';
import { IDENTITY_ENTITIES } from '@kk/identity';
import { createLogger, MetricsRegistry, PinoNestLogger } from '@kk/observability';
import { ConfiguredPaymentProviders, PAYMENT_ENTITIES } from '@kk/payments';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import { startWorkerOps } from './ops/worker-ops-server';
import { reconciliationSettings, type ReconciliationSettings } from './reconciliation/reconciliation-settings';
import { WorkerModule, type OutboxSweepTiming } from './worker.module';

export interface WorkerOptions {
  /** Defaults to loadEnv() of process.env. */
  readonly env?: Env;
  /** Defaults to defaultTenantsDir() (TENANTS_DIR or <repo>/tenants). */
  readonly tenantsDir?: string;
  /**
   * Where the variables the tenants' tenant.yaml names are read (the payment providers' keys,
   * PAYMENT_GATEWAY_URL), as the portal reads them. Defaults to process.env.
   */
  readonly tenantEnv?: NodeJS.ProcessEnv;
  readonly relayIntervalMs?: number;
  /** Bull's key prefix for every queue; unset, Bull's own (`bull`). Tests give each file one of its own. */
  readonly queuePrefix?: string;
  /** Production: a pass every 60 s over payments undecided for 2 minutes; tests shorten both. */
  readonly reconciliation?: Partial<ReconciliationSettings>;
  /**
   * The outbox sweep for jobs Redis lost (libs/jobs outbox-sweep.ts). Production: each tenant
   * every 30 s, rows sent and still unprocessed after 5 minutes; tests shorten both.
   */
  readonly outboxSweep?: OutboxSweepTiming;
  /**
   * Bull's settings for every queue, e.g. how soon a job whose worker died is taken up again
   * (`lockDuration`, `stalledInterval`). Unset, Bull's defaults (30 s each); tests shorten them.
   */
  readonly queueSettings?: AdvancedSettings;
}

export interface WorkerHandle {
  readonly context: INestApplicationContext;
  /** Where /health/live, /health/ready and /metrics answer (WORKER_OPS_PORT). */
  readonly opsUrl: string;
  /** Stops the relay, closes queues and connections, and stops any server this call started. */
  stop(): Promise<void>;
}

/**
 * Starts the worker in this process (the demo runs it beside the web and POS apps): the
 * Nest context with the queues, the outbox relay for every tenant, the e-mail processor and
 * the payment reconciliation, and an ops-only HTTP listener for probes and the scrape.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<WorkerHandle> {
  const env = options.env ?? loadEnv();
  const tenantEnv = options.tenantEnv ?? process.env;
  // Configuration first: a bad tenant.yaml, or a payment key missing, stops start-up before
  // any server is touched, naming tenant and variable (as the portal does).
  const tenants = loadTenants(options.tenantsDir ?? defaultTenantsDir(), tenantEnv);
  const tenantIds = tenants.all().map((tenant) => tenant.slug);
  const paymentProviders = new ConfiguredPaymentProviders(tenants.all(), tenantEnv, isRelaxedMode(env));
  const reconciliation = reconciliationSettings(options.reconciliation);

  const cleanups: (() => Promise<unknown>)[] = [];
  const release = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        new Logger('Worker').error(`shutdown step failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  try {
    const postgres = await openAppDatabase(env);
    cleanups.push(() => postgres.release());
    const redis = await openLocalRedis(env.REDIS_URL, { port: env.REDIS_PORT, dataDir: join(env.DATA_DIR, 'redis') });
    cleanups.push(() => redis.release());
    const dataSource = await createAppDataSource({
      // The payments stack's repositories, as the portal's; the relay and the e-mails use SQL.
      entities: [...CARDHOLDER_ENTITIES, ...IDENTITY_ENTITIES, ...PAYMENT_ENTITIES, ...BALANCE_ALERT_ENTITIES],
      url: postgres.appUrl,
      poolSize: env.DB_POOL_SIZE,
      applicationName: 'kantinekort-worker',
    }).initialize();
    // TypeOrmModule destroys it when the context closes; a context that never started does not.
    cleanups.push(async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    });
    await assertRestrictedRole((sql) => dataSource.query(sql));

    const logger = new PinoNestLogger(createLogger({ app: 'worker', level: env.LOG_LEVEL }));
    const metrics = new MetricsRegistry();
    const context = await NestFactory.createApplicationContext(
      WorkerModule.register({
        dataSource,
        redisUrl: redis.url,
        queuePrefix: options.queuePrefix,
        tenants,
        relayIntervalMs: options.relayIntervalMs,
        outboxSweep: options.outboxSweep,
        queueSettings: options.queueSettings,
        paymentProviders,
        cprCipher: new CprCipher(env.CPR_ENCRYPTION_KEY, env.CPR_HMAC_KEY),
        sessionSecret: env.SESSION_SECRET,
        smtpUrl: env.SMTP_URL,
        reconciliation,
        metrics,
        publicOrigin: (host) => publicOrigin(env, host),
      }),
      // Throw instead of exiting the process: the demo runs this in-process.
      { abortOnError: false, logger },
    );
    cleanups.push(() => context.close());
    const queues = new Map(QUEUE_NAMES.map((name) => [name, context.get<Queue>(getQueueToken(name))]));
    const [anyQueue] = queues.values();
    if (!anyQueue) throw new Error('the worker has no queue');
    const ops = await startWorkerOps({
      port: env.WORKER_OPS_PORT,
      dataSource,
      tenantIds,
      queues,
      redis: anyQueue.client,
      logger,
      metrics,
    });
    cleanups.push(() => ops.close());
    new Logger('Worker').log(`relaying the outbox of ${tenantIds.length} tenant(s): ${tenantIds.join(', ')}`);
    const paying = tenants.all().filter((tenant) => tenant.payments);
    new Logger('Worker').log(
      `reconciling the payments of ${paying.length} tenant(s) every ${reconciliation.intervalMs / 1000} s` +
        (paying.length > 0 ? `: ${paying.map((tenant) => tenant.slug).join(', ')}` : ''),
    );

    let stopping: Promise<void> | undefined;
    return { context, opsUrl: ops.url, stop: () => (stopping ??= release()) };
  } catch (error) {
    await release();
    throw error;
  }
}

async function main(): Promise<void> {
  const logger = createLogger({ app: 'worker', bindings: { context: 'Worker' } });
  let worker: WorkerHandle;
  try {
    worker = await startWorker();
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  logger.info({ opsUrl: worker.opsUrl }, `probes and metrics on ${worker.opsUrl}`);
  const shutdown = (signal: NodeJS.Signals): void => {
    logger.info(`${signal}: stopping`);
    worker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  void main();
}
