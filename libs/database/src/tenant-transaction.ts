import type { DataSource, EntityManager } from 'typeorm';

/**
 * A transaction bound to one tenant. Everything tenant-scoped takes one of these,
 * so a query that forgets the tenant does not compile, and RLS rejects it if it runs.
 */
export interface TenantTx {
  readonly tenantId: string;
  /** The transaction's own manager: injected repositories would run outside it. */
  readonly manager: EntityManager;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function inTenant<T>(ds: DataSource, tenantId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  return ds.transaction(async (manager) => {
    await manager.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    const tx: TenantTx = {
      tenantId,
      manager,
      query: async <R>(sql: string, params?: unknown[]): Promise<R[]> => {
        const rows: R[] = await manager.query(sql, params);
        return rows;
      },
    };
    return work(tx);
  });
}
