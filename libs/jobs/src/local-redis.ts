import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Redis from 'ioredis';

export interface LocalRedis {
  readonly url: string;
  release(): Promise<void>;
}

export interface LocalRedisOptions {
  port: number;
  /** Where the append-only file lives; undefined = no persistence (tests). */
  dataDir?: string;
}

function hasRedisServer(): boolean {
  return spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian's redis-server when missing and we may; otherwise says how. */
export function ensureRedisServerInstalled(): void {
  if (hasRedisServer()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      'redis-server is not installed. Install it with: sudo apt-get install -y redis-server (or set REDIS_URL).',
    );
  }
  process.stderr.write('redis-server is missing; installing the Debian package redis-server …\n');
  const install = spawnSync(
    'sh',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (install.status !== 0 || !hasRedisServer()) {
    throw new Error('Could not install redis-server with apt-get; install it by hand or set REDIS_URL.');
  }
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (await ping(url)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on ${url}`);
}

/** REDIS_URL when given; else a redis-server on the port, reusing one already running there. */
export async function openLocalRedis(redisUrl: string | undefined, options: LocalRedisOptions): Promise<LocalRedis> {
  if (redisUrl) return { url: redisUrl, release: async () => undefined };
  const url = `redis://127.0.0.1:${options.port}`;
  if (await ping(url)) return { url, release: async () => undefined };
  ensureRedisServerInstalled();
  const args = [
    '--port',
    String(options.port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
  ];
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    args.push('--dir', dir, '--appendonly', 'yes');
  } else {
    args.push('--appendonly', 'no');
  }
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  await waitForPing(url, child);
  return {
    url,
    release: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
