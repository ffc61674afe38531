import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, relative } from 'node:path';
import type { Cleanup } from './cleanup';
import { freePort } from '@kk/database';
import { APP_PASSWORD, type BenchDatabase } from './database';

export interface PosServer {
  readonly origin: string;
  readonly pid: number;
  /** The script that serves. */
  readonly entry: string;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** dist/scripts/bench -> dist/apps/pos/src/main.js */
const POS_MAIN = join(__dirname, '..', '..', 'apps', 'pos', 'src', 'main.js');

/**
 * The POS app in its own process, so autocannon's load generation does not share the
 * server's event loop: the deployable `node dist/apps/pos/src/main.js`.
 */
export async function startPosServer(db: BenchDatabase, poolSize: number, cleanup: Cleanup): Promise<PosServer> {
  const port = await freePort();
  const entry = POS_MAIN;
  const child = spawn(process.execPath, [entry], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // Production refuses to start without its secrets; the POS path uses none of them.
      CPR_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      CPR_HMAC_KEY: randomBytes(32).toString('base64'),
      SESSION_SECRET: randomBytes(32).toString('base64'),
      // main.js migrates with DATABASE_URL and serves as the app role of APP_DATABASE_URL.
      DATABASE_URL: db.adminUrl,
      APP_DATABASE_URL: db.appUrl,
      APP_DB_PASSWORD: APP_PASSWORD,
      POS_PORT: String(port),
      // Every bench till buys thousands of times a second; the limiter must never answer 429.
      POS_RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
      DB_POOL_SIZE: String(poolSize),
    },
  });
  let stopping = false;
  cleanup.add(
    'POS app',
    () => {
      stopping = true;
      return stopChild(child);
    },
    () => void child.kill('SIGKILL'),
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    // Errors while serving (the app logs 5xx causes) are worth seeing, but not a flood.
    if (stderr.length < 4000) process.stderr.write(`[pos] ${chunk}`);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`POS app did not start in ${START_TIMEOUT_MS} ms\n${stderr}`)),
      START_TIMEOUT_MS,
    );
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('POS API listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`POS app exited during start-up (${signal ?? code})\n${stderr}`));
    });
  });
  child.stdout?.resume();
  // A crash mid-run shows up as connection errors in (b); say why as it happens.
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[pos] the POS app exited unexpectedly (${signal ?? code})\n`);
  });
  return { origin: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, entry: relative(process.cwd(), entry) };
}

/** SIGTERM runs the app's own shutdown (closes Fastify and the pool); SIGKILL if it hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
