import { Inject, Injectable } from '@nestjs/common';
import type { ClsService } from 'nestjs-cls';
import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { queryRecords, setTransactionTenant, type PreparedSql, type TenantTx } from '@kk/database';
import { CLS_SERVICE, TRANSACTION_HOST } from './tenant-transaction-tokens';

export type TypeOrmTransactionHost = TransactionHost<TransactionalAdapterTypeOrm>;

/** The CLS key of the tenant whose transaction is active. */
const TENANT_OF_TRANSACTION = 'kk.tenantOfTransaction';

/** Thrown when tenant data is touched outside a tenant transaction: never a silent "no rows". */
export class OutsideTenantTransactionError extends Error {
  constructor(what: string) {
    super(`${what} was used outside a tenant transaction: run it inside TenantTransactions.run(tenant, …)`);
  }
}

/**
 * The tenant's transaction, carried through async calls by nestjs-cls: run(tenant, work)
 * opens one transaction, sets `app.tenant_id` in it before anything else, and every
 * repository (TenantRepository) and every TenantTx-taking function called inside, however
 * deep, runs in it. A run inside a run of the same tenant joins it; another tenant's is refused.
 */
@Injectable()
export class TenantTransactions {
  constructor(
    @Inject(TRANSACTION_HOST) private readonly txHost: TypeOrmTransactionHost,
    @Inject(CLS_SERVICE) private readonly cls: ClsService,
  ) {}

  /**
   * `isolationLevel` (default READ COMMITTED) is for readers that must see one snapshot across
   * several statements; a run joined by a nested one keeps the outer run's level.
   */
  run<T>(tenantId: string, work: () => Promise<T>, options: { isolationLevel?: IsolationLevel } = {}): Promise<T> {
    return this.cls.run({ ifNested: 'inherit' }, () => {
      const active = this.cls.get<string | undefined>(TENANT_OF_TRANSACTION);
      if (active !== undefined && this.txHost.isTransactionActive()) {
        if (active !== tenantId) throw new Error(`a transaction of tenant ${active} is active, not of ${tenantId}`);
        return work();
      }
      const inTransaction = async () => {
        await setTransactionTenant((sql: string, params?: unknown[]) => this.txHost.tx.query(sql, params), tenantId);
        this.cls.set(TENANT_OF_TRANSACTION, tenantId);
        return work();
      };
      const { isolationLevel } = options;
      return isolationLevel
        ? this.txHost.withTransaction({ isolationLevel }, inTransaction)
        : this.txHost.withTransaction(inTransaction);
    });
  }

  /** The active tenant transaction as a TenantTx, for the functions that take one. */
  current(): TenantTx {
    return activeTenantTx(this.txHost, this.cls, 'TenantTransactions.current()');
  }
}

/** The active tenant transaction, or the error that says it is missing. */
export function activeTenantTx(txHost: TypeOrmTransactionHost, cls: ClsService, what: string): TenantTx {
  const tenantId = cls.isActive() ? cls.get<string | undefined>(TENANT_OF_TRANSACTION) : undefined;
  if (tenantId === undefined || !txHost.isTransactionActive()) throw new OutsideTenantTransactionError(what);
  const manager: EntityManager = txHost.tx;
  const runner = manager.queryRunner;
  if (!runner) throw new OutsideTenantTransactionError(what);
  return {
    tenantId,
    manager,
    query: <R>(sql: string | PreparedSql, params?: unknown[]) => queryRecords<R>(runner, sql, params),
  };
}
