import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface SpawnIdpSimOptions {
  readonly port: number;
  readonly issuer?: string;
  /** The gladsaxekortet client's secret (GLADSAXE_OIDC_CLIENT_SECRET). */
  readonly clientSecret?: string;
  /** Redirect URIs besides the demo portal's (IDP_SIM_REDIRECT_URIS). */
  readonly redirectUris?: readonly string[];
}

export interface SpawnedIdpSim {
  readonly issuer: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Runs the compiled stand-in (`npm run -s build` first) in a child process. For jest: its VM
 * cannot import the ESM-only oidc-provider on Node 20, so startIdpSim cannot run in a test file.
 * The child never keeps a signing key on disk and exits when this process goes away.
 */
export function spawnIdpSim(options: SpawnIdpSimOptions): Promise<SpawnedIdpSim> {
  const entry = compiledEntry();
  const child = spawn(process.execPath, [entry], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      IDP_SIM_PORT: String(options.port),
      IDP_SIM_ISSUER: options.issuer ?? '',
      IDP_SIM_KEY_FILE: '',
      IDP_SIM_REDIRECT_URIS: (options.redirectUris ?? []).join(','),
      IDP_SIM_EXIT_WITH_STDIN: '1',
      ...(options.clientSecret === undefined ? {} : { GLADSAXE_OIDC_CLIENT_SECRET: options.clientSecret }),
    },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  let stdout = '';
  let stderr = '';
  return new Promise<SpawnedIdpSim>((done, fail) => {
    const failWith = (reason: string): void => {
      clearTimeout(timer);
      void stop().then(() => fail(new Error(`idp-sim did not start: ${reason}\n${stderr.slice(-2000)}`)));
    };
    const timer = setTimeout(() => failWith('timed out'), START_TIMEOUT_MS);
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8000)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const ready = /listening on (\S+)/.exec(stdout);
      if (ready) {
        clearTimeout(timer);
        done({ issuer: ready[1], stop });
      }
    });
    child.once('exit', (code, signal) => failWith(`exited with ${code ?? signal}`));
    child.once('error', (error) => failWith(error.message));
  });
}

// From the TypeScript source (jest) the build output is under dist/; once compiled, beside us.
function compiledEntry(): string {
  const entry = __filename.endsWith('.js')
    ? join(__dirname, 'main.js')
    : resolve(__dirname, '..', '..', '..', 'dist', 'apps', 'idp-sim', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run -s build\` first`);
  return entry;
}
