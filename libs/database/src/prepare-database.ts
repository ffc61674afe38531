import { Client } from 'pg';
import { ensureAppRole } from './app-role';
import { createMigrationDataSource } from './data-source';
import { createDatabaseIfMissing } from './database.queries';
import { databaseName, withDatabase } from './database-urls';

/** Creates the database if missing, the app role, and runs pending migrations. Idempotent. */
export async function prepareDatabase(adminUrl: string, appPassword: string): Promise<string[]> {
  const name = databaseName(adminUrl);
  const maintenance = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await maintenance.connect();
  try {
    await createDatabaseIfMissing(maintenance, name);
  } finally {
    await maintenance.end();
  }

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureAppRole(admin, appPassword, name);
  } finally {
    await admin.end();
  }

  const ds = createMigrationDataSource(adminUrl);
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
