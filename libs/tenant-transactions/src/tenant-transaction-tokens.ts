/**
 * Injection tokens for nestjs-cls's TransactionHost and ClsService. The classes that use them
 * (TenantTransactions, TenantRepository) import nestjs-cls for types only, so a process that
 * merely loads a lib with repositories (the POS app, the benchmark) never loads nestjs-cls:
 * importing it turns on async hooks for the whole process (on Node 20), which costs every
 * promise of the till's hot path. Only TenantDatabaseModule.forRoot loads it.
 */
export const TRANSACTION_HOST = Symbol('TRANSACTION_HOST');
export const CLS_SERVICE = Symbol('CLS_SERVICE');
