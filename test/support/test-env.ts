import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ACCOUNT_SETTINGS_ENTITIES } from '@kk/account-settings';
import { BALANCE_ALERT_ENTITIES } from '@kk/balance-alerts';
import { CARDHOLDER_ENTITIES } from '@kk/cardholders';
import { createAppDataSource, syncTenants } from '@kk/database';
import { IDENTITY_ENTITIES } from '@kk/identity';
import { PAYMENT_ENTITIES } from '@kk/payments';
import { tenantIdFromSlug, type TenantId } from '@kk/tenancy';

/** Every lib's entities, as the apps' DataSources have them. */
const APP_ENTITIES = [
  ...CARDHOLDER_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...PAYMENT_ENTITIES,
  ...BALANCE_ALERT_ENTITIES,
  ...ACCOUNT_SETTINGS_ENTITIES,
];

export interface TestEnv {
  readonly adminUrl: string;
  readonly appUrl: string;
  readonly redisUrl: string;
  readonly appPassword: string;
}

/** Set by scripts/test-env, which `npm test` runs jest under. */
export function testEnv(): TestEnv {
  const { TEST_ADMIN_DATABASE_URL, TEST_APP_DATABASE_URL, TEST_REDIS_URL, APP_DB_PASSWORD } = process.env;
  if (!TEST_ADMIN_DATABASE_URL || !TEST_APP_DATABASE_URL || !TEST_REDIS_URL || !APP_DB_PASSWORD) {
    throw new Error('Integration tests need their servers: run them through `npm test` (scripts/test-env).');
  }
  return {
    adminUrl: TEST_ADMIN_DATABASE_URL,
    appUrl: TEST_APP_DATABASE_URL,
    redisUrl: TEST_REDIS_URL,
    appPassword: APP_DB_PASSWORD,
  };
}

/** The restricted app role, as every app connects. */
export async function openAppDataSource(poolSize = 5): Promise<DataSource> {
  const ds = createAppDataSource({ url: testEnv().appUrl, poolSize, applicationName: 'test', entities: APP_ENTITIES });
  return ds.initialize();
}

/** A superuser connection, for assertions about the schema itself. */
export async function openAdminClient(): Promise<Client> {
  const client = new Client({ connectionString: testEnv().adminUrl });
  await client.connect();
  return client;
}

export function uniqueSlug(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** Each test file owns its tenants, so files run in parallel without sharing rows. */
export async function createTestTenant(ds: DataSource, name = 'Test tenant'): Promise<TenantId> {
  const slug = tenantIdFromSlug(uniqueSlug());
  await syncTenants(ds, [{ slug, name }]);
  return slug;
}

export interface TestTenantDatabase {
  readonly ds: DataSource;
  readonly admin: Client;
  readonly tenant: TenantId;
}

/** The usual integration set-up: the app role's data source, a superuser client, a tenant of this file's own. */
export async function openTestTenantDatabase(poolSize = 5): Promise<TestTenantDatabase> {
  const ds = await openAppDataSource(poolSize);
  const admin = await openAdminClient();
  return { ds, admin, tenant: await createTestTenant(ds) };
}

export async function closeTestTenantDatabase(db: Partial<TestTenantDatabase>): Promise<void> {
  // A Nest context's TypeOrmModule may have destroyed it already.
  if (db.ds?.isInitialized) await db.ds.destroy();
  await db.admin?.end();
}
