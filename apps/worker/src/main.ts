import 'reflect-metadata';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bull';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bull';
import { loadEnv, type Env } from '@kk/config';
import { assertRestrictedRole, createAppDataSource, openAppDatabase } from '@kk/database';
import { openLocalRedis, QUEUE_NAMES } from '@kk/jobs';
import { createLogger, PinoNestLogger } from '@kk/observability';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import { startWorkerOps } from './ops/worker-ops-server';
import { WorkerModule } from './worker.module';

export interface WorkerOptions {
  /** Defaults to loadEnv() of process.env. */
  readonly env?: Env;
  /** Defaults to defaultTenantsDir() (TENANTS_DIR or <repo>/tenants). */
  readonly tenantsDir?: string;
  readonly relayIntervalMs?: number;
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
 * Nest context with the queues and the outbox relay for every tenant, and an ops-only HTTP
 * listener for probes and the scrape.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<WorkerHandle> {
  const env = options.env ?? loadEnv();
  // Tenant config first: a bad tenant.yaml stops start-up before any server is touched.
  const tenantIds = loadTenants(options.tenantsDir ?? defaultTenantsDir())
    .all()
    .map((tenant) => tenant.slug);

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
      url: postgres.appUrl,
      poolSize: env.DB_POOL_SIZE,
      applicationName: 'kantinekort-worker',
    }).initialize();
    cleanups.push(() => dataSource.destroy());
    await assertRestrictedRole((sql) => dataSource.query(sql));

    const logger = new PinoNestLogger(createLogger({ app: 'worker', level: env.LOG_LEVEL }));
    const context = await NestFactory.createApplicationContext(
      WorkerModule.register({ dataSource, redisUrl: redis.url, tenantIds, relayIntervalMs: options.relayIntervalMs }),
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
    });
    cleanups.push(() => ops.close());
    new Logger('Worker').log(`relaying the outbox of ${tenantIds.length} tenant(s): ${tenantIds.join(', ')}`);

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
