import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveAppUrl, freePort, prepareDatabase, startEmbeddedPostgres, withDatabase } from '@kk/database';
import { openLocalRedis } from '@kk/jobs';

const APP_PASSWORD = 'kantinekort-app-test';

/**
 * Runs a command (jest) with a PostgreSQL and a Redis of its own, on free ports, so the
 * suite never touches the demo's servers or .data/. DATABASE_URL / REDIS_URL, when set,
 * are used instead (a database named kantinekort_test is created there).
 */
async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2).filter((a) => a !== '--');
  if (!command) throw new Error('usage: test-env <command> [args…]');
  const cleanups: (() => Promise<void>)[] = [];
  try {
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const dir = mkdtempSync(join(tmpdir(), 'kantinekort-test-pg-'));
      const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), persistent: false });
      cleanups.push(async () => {
        await pg.stop();
        rmSync(dir, { recursive: true, force: true });
      });
      serverUrl = pg.adminUrl;
    }
    const adminUrl = withDatabase(serverUrl, 'kantinekort_test');
    await prepareDatabase(adminUrl, APP_PASSWORD);
    const redis = await openLocalRedis(process.env.REDIS_URL, { port: await freePort() });
    cleanups.push(() => redis.release());

    const env = {
      ...process.env,
      NODE_ENV: 'test',
      TEST_ADMIN_DATABASE_URL: adminUrl,
      TEST_APP_DATABASE_URL: deriveAppUrl(adminUrl, APP_PASSWORD),
      APP_DB_PASSWORD: APP_PASSWORD,
      TEST_REDIS_URL: redis.url,
    };
    return await new Promise<number>((resolve) => {
      const child = spawn(command, args, { stdio: 'inherit', env });
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`test-env: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
