import type { TenantTx } from '@kk/database';

// tenant_id repeated although RLS filters by it, as the relay's claim does: the planner can
// then count from outbox_unsent_idx (tenant_id, created_at) WHERE sent_at IS NULL.
const UNSENT_ROWS_SQL = 'SELECT count(*)::int AS rows FROM outbox WHERE tenant_id = $1 AND sent_at IS NULL';

/** Outbox rows the relay has not yet moved into a queue, in the transaction's tenant. */
export async function countUnsentOutboxRows(tx: TenantTx): Promise<number> {
  const [row] = await tx.query<{ rows: number }>(UNSENT_ROWS_SQL, [tx.tenantId]);
  return row?.rows ?? 0;
}
