import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, relative } from 'node:path';
import type { Cleanup } from './cleanup';
import { freePort } from '@kk/database';
import type { BenchDatabase } from './database';

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
    env: productionEnv(db, port, poolSize),
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

/**
 * What a production POS process is given: its secrets (random; the POS path uses none of
 * them, but production refuses to start without) and only the app role's URL. The bench
 * has migrated its database itself (startBenchDatabase), as the separate migration step
 * does in production, so the privileged DATABASE_URL is kept away from the server even
 * when the bench's own environment has one.
 */
function productionEnv(db: BenchDatabase, port: number, poolSize: number): NodeJS.ProcessEnv {
  const { DATABASE_URL: _privileged, APP_DB_PASSWORD: _appPassword, ...inherited } = process.env;
  return {
    ...inherited,
    NODE_ENV: 'production',
    CPR_ENCRYPTION_KEY: randomSecret(),
    CPR_HMAC_KEY: randomSecret(),
    MFA_ENCRYPTION_KEY: randomSecret(),
    SESSION_SECRET: randomSecret(),
    PUBLIC_BASE_URL_TEMPLATE: 'https://{host}',
    APP_DATABASE_URL: db.appUrl,
    POS_PORT: String(port),
    // Every bench till buys thousands of times a second; the limiter must never answer 429.
    POS_RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
    DB_POOL_SIZE: String(poolSize),
  };
}

/** 32 random bytes, base64: the shape of every key production asks for. */
function randomSecret(): string {
  return randomBytes(32).toString('base64');
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
