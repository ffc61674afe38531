import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The worker as a child process (dist/scripts/test-worker.js: the real startWorker), for
 * specs that kill it with SIGKILL: no shutdown hook runs, Bull's locks are left to expire,
 * and a provider call in flight is cut off, as when a machine dies. Build first
 * (`npm run -s build`): the child runs the compiled code.
 */

const REPO = join(__dirname, '..', '..');
const ENTRY = join(REPO, 'dist', 'scripts', 'test-worker.js');
/** Kept of the child's output for a failure's message. */
const OUTPUT_KEPT = 20_000;

/** What scripts/test-worker.ts reads from TEST_WORKER_OPTIONS (a subset of WorkerOptions). */
export interface ChildWorkerOptions {
  readonly relayIntervalMs?: number;
  readonly queuePrefix?: string;
  readonly reconciliation?: { readonly intervalMs?: number; readonly reconcileAfterMs?: number };
  readonly outboxSweep?: { readonly everyMs?: number; readonly afterMs?: number };
  readonly queueSettings?: {
    readonly lockDuration?: number;
    readonly lockRenewTime?: number;
    readonly stalledInterval?: number;
    readonly maxStalledCount?: number;
  };
}

/**
 * Production takes a crashed worker's job up again after Bull's 30 s lock, sweeps for lost jobs
 * after 5 minutes and reconciles after 2; fault specs shorten each, under their own queue prefix.
 */
export function fastRecoveryOptions(queuePrefix: string): ChildWorkerOptions {
  return {
    relayIntervalMs: 50,
    queuePrefix,
    reconciliation: { intervalMs: 500, reconcileAfterMs: 1_500 },
    outboxSweep: { everyMs: 250, afterMs: 1_500 },
    queueSettings: { lockDuration: 2_000, stalledInterval: 1_000 },
  };
}

export interface WorkerProcessOptions {
  /** The worker's environment (testWorkerVariables plus the tenants' payment variables). */
  readonly variables: NodeJS.ProcessEnv;
  readonly tenantsDir: string;
  readonly options: ChildWorkerOptions;
  /** Default 30 s. */
  readonly readyTimeoutMs?: number;
}

export interface WorkerProcess {
  readonly pid: number;
  /** Its ops listener (/health, /metrics). */
  readonly opsUrl: string;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (the worker's own shutdown); resolves once the process is gone. */
  stop(): Promise<void>;
  readonly exited: boolean;
  /** The last of what it wrote on stdout and stderr. */
  output(): string;
}

/** Starts the worker and resolves once it printed `worker ready <opsUrl>`. */
export async function spawnWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run -s build\` first`);
  const child = spawn(process.execPath, [ENTRY], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      ...options.variables,
      TENANTS_DIR: options.tenantsDir,
      TEST_WORKER_OPTIONS: JSON.stringify(options.options),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const opsUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the worker was not ready within ${options.readyTimeoutMs ?? 30_000} ms:\n${output}`));
    }, options.readyTimeoutMs ?? 30_000);
    const onData = (): void => {
      const ready = /worker ready (\S+)/.exec(output);
      if (!ready?.[1]) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(ready[1]);
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited before it was ready (${signal ?? code}):\n${output}`));
    });
  });

  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await gone;
  };
  return {
    pid: pidOf(child),
    opsUrl,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    output: () => output,
  };
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('the worker did not start');
  return child.pid;
}
