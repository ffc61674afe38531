import { spawnSync } from 'node:child_process';

function hasPgbench(): boolean {
  return spawnSync('sh', ['-c', 'command -v pgbench'], { stdio: 'ignore' }).status === 0;
}

/**
 * Phases (c) and (d) drive the database with pgbench, so no Node sits between the load and
 * the server. Debian ships it in postgresql-client; installed here the way libs/jobs
 * installs redis-server (as root, when missing), so a fresh machine runs the bench with one
 * command. Any pgbench from 10 on speaks to the embedded PostgreSQL 17.
 */
export function ensurePgbenchInstalled(): void {
  if (hasPgbench()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error('pgbench is not installed. Install it with: sudo apt-get install -y postgresql-client');
  }
  process.stderr.write('pgbench is missing; installing the Debian package postgresql-client …\n');
  const install = spawnSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (install.status !== 0 || !hasPgbench()) {
    throw new Error('Could not install postgresql-client (pgbench) with apt-get; install it by hand and run again.');
  }
}

/** e.g. "pgbench (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)", for the report's machine facts. */
export function pgbenchVersion(): string {
  const run = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : '?';
}
