import 'reflect-metadata';
import { join } from 'node:path';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnv, type Env } from '@kk/config';
import { assertRestrictedRole, createAppDataSource, openAppDatabase } from '@kk/database';
import { openLocalRedis } from '@kk/jobs';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
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
  /** Stops the relay, closes queues and connections, and stops any server this call started. */
  stop(): Promise<void>;
}

/**
 * Starts the worker in this process (the demo runs it beside the web and POS apps):
 * no HTTP, just the Nest context with the queues and the outbox relay for every tenant.
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

    const context = await NestFactory.createApplicationContext(
      WorkerModule.register({ dataSource, redisUrl: redis.url, tenantIds, relayIntervalMs: options.relayIntervalMs }),
      {
        // Throw instead of exiting the process: the demo runs this in-process.
        abortOnError: false,
        logger: env.NODE_ENV === 'test' ? ['error', 'warn'] : undefined,
      },
    );
    cleanups.push(() => context.close());
    new Logger('Worker').log(`relaying the outbox of ${tenantIds.length} tenant(s): ${tenantIds.join(', ')}`);

    let stopping: Promise<void> | undefined;
    return { context, stop: () => (stopping ??= release()) };
  } catch (error) {
    await release();
    throw error;
  }
}

async function main(): Promise<void> {
  const logger = new Logger('Worker');
  let worker: WorkerHandle;
  try {
    worker = await startWorker();
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const shutdown = (signal: NodeJS.Signals): void => {
    logger.log(`${signal}: stopping`);
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
