import { Client } from 'pg';
import { join } from 'node:path';
import { isRelaxedMode, type Env } from '@kk/config';
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
 * For the migration step and the demo/test mode. DATABASE_URL when set; otherwise the embedded server on EMBEDDED_PG_PORT with data in
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
  const appPassword = env.APP_DB_PASSWORD;
  if (!appPassword) throw new Error('APP_DB_PASSWORD is required to set up the app role');
  try {
    await prepareDatabase(adminUrl, appPassword);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    adminUrl,
    appUrl: env.APP_DATABASE_URL ?? deriveAppUrl(adminUrl, appPassword),
    release: stop,
  };
}

export class ServingDatabaseConfigError extends Error {}

/**
 * The database a serving app (web, POS, worker, CLI) connects to. In demo/test mode the
 * local server of openLocalPostgres, migrated first. In production only APP_DATABASE_URL:
 * migrations and role set-up are their own step (`npm run migrate`), and a serving process
 * given the privileged DATABASE_URL refuses to start rather than hold it.
 */
export async function openAppDatabase(env: Env): Promise<Pick<LocalPostgres, 'appUrl' | 'release'>> {
  if (isRelaxedMode(env)) return openLocalPostgres(env);
  if (env.DATABASE_URL) {
    throw new ServingDatabaseConfigError(
      'DATABASE_URL is set: serving apps connect as the app role only. Run `npm run migrate` with DATABASE_URL, ' +
        'then start the apps with APP_DATABASE_URL and without DATABASE_URL.',
    );
  }
  if (!env.APP_DATABASE_URL) {
    throw new ServingDatabaseConfigError(
      'APP_DATABASE_URL is required (the kantinekort_app role; see `npm run migrate`).',
    );
  }
  return { appUrl: env.APP_DATABASE_URL, release: async () => undefined };
}
