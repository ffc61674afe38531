import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@kk/database';

/**
 * The till API as a process of its own (the deployable dist/apps/pos/src/main.js), for specs
 * that run several side by side against one database, as production scales it. Build first.
 */

const REPO = join(__dirname, '..', '..');
const ENTRY = join(REPO, 'dist', 'apps', 'pos', 'src', 'main.js');
const OUTPUT_KEPT = 20_000;

export interface PosProcess {
  /** http://127.0.0.1:<port>, without /pos/v1. */
  readonly origin: string;
  /** SIGTERM (the app's own shutdown); resolves once the process is gone. */
  stop(): Promise<void>;
  output(): string;
}

/** Starts the POS app and resolves once it printed that it listens. */
export async function spawnPosProcess(options: {
  readonly variables: NodeJS.ProcessEnv;
  readonly tenantsDir: string;
}): Promise<PosProcess> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run -s build\` first`);
  const port = await freePort();
  const child = spawn(process.execPath, [ENTRY], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      ...options.variables,
      TENANTS_DIR: options.tenantsDir,
      POS_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the POS app was not listening within 30 s:\n${output}`));
    }, 30_000);
    const onData = (): void => {
      if (!output.includes('POS API listening on')) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve();
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the POS app exited during start-up (${signal ?? code}):\n${output}`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await gone;
    },
    output: () => output,
  };
}
