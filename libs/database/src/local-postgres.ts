import { Client } from 'pg';
import { join } from 'node:path';
import type { Env } from '@kk/config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { deriveAppUrl, withDatabase, type DatabaseUrls } from './database-urls';
import { prepareDatabase } from './prepare-database';

export const DEMO_DATABASE = 'kantinekort';

export interface LocalPostgres extends DatabaseUrls {
  /** Stops the server if this process started it. */
  release(): Promise<void>;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded server on EMBEDDED_PG_PORT with data in
 * DATA_DIR — reusing one that is already running (the demo) rather than starting a second.
 * Migrations run either way, so every entry point sees the current schema.
 */
export async function openLocalPostgres(env: Env): Promise<LocalPostgres> {
  let adminUrl: string;
  let stop: () => Promise<void> = async () => undefined;
  if (env.DATABASE_URL) {
    adminUrl = env.DATABASE_URL;
  } else {
    const serverUrl = `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/postgres`;
    if (!(await canConnect(serverUrl))) {
      const server = await startEmbeddedPostgres({
        dataDir: join(env.DATA_DIR, 'postgres'),
        port: env.EMBEDDED_PG_PORT,
        persistent: true,
      });
      stop = () => server.stop();
    }
    adminUrl = withDatabase(serverUrl, DEMO_DATABASE);
  }
  try {
    await prepareDatabase(adminUrl, env.APP_DB_PASSWORD);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    adminUrl,
    appUrl: env.APP_DATABASE_URL ?? deriveAppUrl(adminUrl, env.APP_DB_PASSWORD),
    release: stop,
  };
}
