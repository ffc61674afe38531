import { loadEnv } from '@kk/config';
import { openLocalPostgres } from '@kk/database';

/** Runs pending migrations against DATABASE_URL or the embedded server. */
async function main(): Promise<void> {
  const db = await openLocalPostgres(loadEnv());
  await db.release();
  process.stdout.write('Database is up to date.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
