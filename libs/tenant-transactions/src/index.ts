export { TenantTransactions, OutsideTenantTransactionError, type TypeOrmTransactionHost } from './tenant-transactions';
export { TenantRepository } from './tenant-repository';
export { CLS_SERVICE, TRANSACTION_HOST } from './tenant-transaction-tokens';
