export { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
export { APP_ROLE, deriveAppUrl, withDatabase, databaseName, type DatabaseUrls } from './database-urls';
export { ensureAppRole, assertRestrictedRole, UnsafeDatabaseRoleError } from './app-role';
export { createAppDataSource, createMigrationDataSource, type AppDataSourceOptions } from './data-source';
export { inTenant, preparedSql, queryRecords, type PreparedSql, type TenantTx } from './tenant-transaction';
export { prepareDatabase } from './prepare-database';
export {
  openLocalPostgres,
  openAppDatabase,
  ServingDatabaseConfigError,
  DEMO_DATABASE,
  type LocalPostgres,
} from './local-postgres';
export { syncTenants, type TenantIdentity } from './sync-tenants';
export { freePort } from './free-port';
export { setTransactionTenant } from './database.queries';
export { BIGINT_AS_NUMBER } from './bigint-column';
export { TenantEntity } from './tenant.entity';
export { isUuid } from './is-uuid';
