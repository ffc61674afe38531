import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@kk/database';
import type { TenantConfig } from '@kk/tenancy';
import type { Cleanup } from './cleanup';

/** dist/scripts/bench -> dist/apps/web/src/main.js */
const WEB_MAIN = join(__dirname, '..', '..', 'apps', 'web', 'src', 'main.js');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** What every portal process of one run shares: the keys the seeding used, the sessions' secret. */
export interface PortalSecrets {
  readonly cprEncryptionKey: string;
  readonly cprHmacKey: string;
  readonly sessionSecret: string;
  readonly mfaKey: string;
  readonly oidcClientSecret: string;
}

export function randomSecret(): string {
  return randomBytes(32).toString('base64');
}

export function newPortalSecrets(): PortalSecrets {
  return {
    cprEncryptionKey: randomSecret(),
    cprHmacKey: randomSecret(),
    sessionSecret: randomSecret(),
    mfaKey: randomSecret(),
    oidcClientSecret: randomBytes(24).toString('base64url'),
  };
}

export interface PortalServerSpec {
  readonly appUrl: string;
  readonly redisUrl: string;
  readonly issuer: string;
  readonly secrets: PortalSecrets;
  readonly tenants: readonly TenantConfig[];
  /** PASSWORD_HASH_CONCURRENCY; unset, the app's default. */
  readonly hashConcurrency?: number;
  /** Where its JSON logs go (a file: reading them would cost the load generator CPU). */
  readonly logFile: string;
  /** Set, the portal runs under `node --cpu-prof` and writes its profile here when it stops. */
  readonly cpuProfileDir?: string;
}

export interface PortalServer {
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * The deployable portal, `node dist/apps/web/src/main.js`, in its own process and in
 * production mode, as behind a TLS proxy (https public origin, TRUST_PROXY=loopback): only the
 * app role's URL, Redis sessions, request logs at the default level.
 */
export async function startPortalServer(spec: PortalServerSpec, cleanup: Cleanup): Promise<PortalServer> {
  const port = await freePort();
  const log = openSync(spec.logFile, 'a');
  const profile = spec.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${spec.cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...profile, WEB_MAIN], {
    stdio: ['ignore', log, 'pipe'],
    env: productionEnv(spec, port),
  });
  closeSync(log);
  let stopping = false;
  const stop = () => {
    stopping = true;
    return stopChild(child);
  };
  cleanup.add(`portal (port ${port})`, stop, () => void child.kill('SIGKILL'));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (stderr.length < 4000) process.stderr.write(`[portal] ${chunk}`);
  });
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[portal] the portal exited unexpectedly (${signal ?? code})\n`);
  });
  await waitUntilLive(port, child, () => stderr);
  return { port, pid: child.pid ?? -1, stop };
}

function productionEnv(spec: PortalServerSpec, port: number): NodeJS.ProcessEnv {
  const { DATABASE_URL: _privileged, APP_DB_PASSWORD: _appPassword, LOG_LEVEL: _level, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: 'production',
    APP_DATABASE_URL: spec.appUrl,
    REDIS_URL: spec.redisUrl,
    WEB_PORT: String(port),
    CPR_ENCRYPTION_KEY: spec.secrets.cprEncryptionKey,
    CPR_HMAC_KEY: spec.secrets.cprHmacKey,
    MFA_ENCRYPTION_KEY: spec.secrets.mfaKey,
    SESSION_SECRET: spec.secrets.sessionSecret,
    PUBLIC_BASE_URL_TEMPLATE: 'https://{host}',
    TRUST_PROXY: 'loopback',
    GLADSAXE_OIDC_ISSUER: spec.issuer,
    GLADSAXE_OIDC_CLIENT_SECRET: spec.secrets.oidcClientSecret,
  };
  if (spec.hashConcurrency !== undefined) env.PASSWORD_HASH_CONCURRENCY = String(spec.hashConcurrency);
  else delete env.PASSWORD_HASH_CONCURRENCY;
  // Production refuses to start without each tenant's payment keys; no payment is made here.
  for (const tenant of spec.tenants) {
    const { nexi, mobilepay } = tenant.payments ?? {};
    if (nexi) for (const name of [nexi.secretKeyEnv, nexi.webhookAuthorizationEnv]) env[name] = randomKey();
    if (mobilepay)
      for (const name of [mobilepay.clientSecretEnv, mobilepay.subscriptionKeyEnv, mobilepay.webhookSecretEnv])
        env[name] = randomKey();
  }
  return env;
}

// Letters and digits: the Nexi webhook authorization allows nothing else.
const randomKey = () => randomBytes(16).toString('hex');

async function waitUntilLive(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the portal exited during start-up\n${stderr()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/live`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the portal did not start in ${START_TIMEOUT_MS} ms\n${stderr()}`);
}

/** SIGTERM runs the app's own shutdown; SIGKILL if it hangs. */
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

/** The redis-server this process started (openLocalRedis does not tell its pid): for its CPU. */
export function childPid(command: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(join('/proc', entry, 'stat'), 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && comm === command) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return Number.NaN;
}
