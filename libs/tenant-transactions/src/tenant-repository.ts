import { Inject } from '@nestjs/common';
import type { ClsService } from 'nestjs-cls';
import type { EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { TenantTx } from '@kk/database';
import { CLS_SERVICE, TRANSACTION_HOST } from './tenant-transaction-tokens';
import { activeTenantTx, type TypeOrmTransactionHost } from './tenant-transactions';

/**
 * The base of every repository of tenant data. It reaches the database only through the
 * active tenant transaction (TenantTransactions.run), so RLS sees `app.tenant_id`; used
 * outside one it throws OutsideTenantTransactionError instead of silently seeing no rows.
 * Subclasses are plain injectable providers: `@Injectable() class XRepository extends
 * TenantRepository<X> { constructor() { super(XEntity) } … }`.
 */
export abstract class TenantRepository<E extends ObjectLiteral> {
  @Inject(TRANSACTION_HOST) private readonly txHost!: TypeOrmTransactionHost;
  @Inject(CLS_SERVICE) private readonly cls!: ClsService;

  protected constructor(private readonly entity: EntityTarget<E>) {}

  /** The entity's TypeORM repository, bound to the active tenant transaction. */
  protected get repo(): Repository<E> {
    return this.tx.manager.getRepository(this.entity);
  }

  /** The active tenant transaction: its tenant id and raw queries (for the *.queries.ts files). */
  protected get tx(): TenantTx {
    return activeTenantTx(this.txHost, this.cls, this.constructor.name);
  }

  protected get tenantId(): string {
    return this.tx.tenantId;
  }
}
