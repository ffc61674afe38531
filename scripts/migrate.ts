import { isRelaxedMode, loadEnv } from '@kk/config';
import { openLocalPostgres, prepareDatabase } from '@kk/database';

/**
 * `npm run migrate`: the one step that holds the privileged DATABASE_URL. It creates the
 * database and the app role (with APP_DB_PASSWORD) and runs pending migrations. In demo
 * mode without DATABASE_URL it does so on the embedded server.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  if (isRelaxedMode(env)) {
    const db = await openLocalPostgres(env);
    await db.release();
  } else {
    if (!env.DATABASE_URL || !env.APP_DB_PASSWORD) {
      throw new Error('npm run migrate needs DATABASE_URL (a privileged connection) and APP_DB_PASSWORD.');
    }
    await prepareDatabase(env.DATABASE_URL, env.APP_DB_PASSWORD);
  }
  process.stdout.write('Database is up to date.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
