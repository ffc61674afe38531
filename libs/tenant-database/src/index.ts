export { TenantDatabaseModule, type TenantDatabaseModuleOptions } from './tenant-database.module';
