import { loadEnv, type Env } from '@kk/config';
import { testEnv } from './test-env';

/**
 * The worker's environment in a test: the suite's database (migrated and the app role set up
 * as in demo and test mode) and Redis, its ops routes on a free port, e-mail to `smtpUrl`.
 */
export function testWorkerVariables(options: { smtpUrl: string; redisUrl?: string }): NodeJS.ProcessEnv {
  const { adminUrl, redisUrl, appPassword } = testEnv();
  return {
    NODE_ENV: 'test',
    DATABASE_URL: adminUrl,
    APP_DB_PASSWORD: appPassword,
    REDIS_URL: options.redisUrl ?? redisUrl,
    WORKER_OPS_PORT: '0',
    SMTP_URL: options.smtpUrl,
  };
}

/** The same, as the Env startWorker takes in process. */
export function testWorkerEnv(options: { smtpUrl: string; redisUrl?: string }): Env {
  return loadEnv(testWorkerVariables(options));
}

/**
 * The suite's Redis with another database number. A file that flushes Redis (FLUSHDB, its
 * stand-in for a Redis that lost its data) uses a database of its own so the files running
 * beside it keep theirs; most use database 0. Taken: 5 (test/web/portal-hardening-sessions),
 * 6 (test/worker/auto-top-up).
 */
export function testRedisUrl(db: number): string {
  const url = new URL(testEnv().redisUrl);
  url.pathname = `/${db}`;
  return url.toString();
}
