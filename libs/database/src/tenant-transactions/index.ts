export { TenantDatabaseModule, type TenantDatabaseModuleOptions } from './tenant-database.module';
export { TenantTransactions, OutsideTenantTransactionError, type TypeOrmTransactionHost } from './tenant-transactions';
export { TenantRepository } from './tenant-repository';
