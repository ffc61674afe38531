import type { TenantTx } from '@kk/database';

/**
 * The outbox's SQL, one place for every statement on the table: the insert in the business
 * transaction, the relay's claim (SKIP LOCKED, so several relays share the work), the
 * sweep for jobs Redis lost, and the processors' lock and processed marker.
 */
export const CLAIM_SQL = `
  SELECT id, topic, payload, created_at FROM outbox
   WHERE tenant_id = $1 AND sent_at IS NULL AND topic = ANY($2::text[])
   ORDER BY created_at
   LIMIT $3
   FOR UPDATE SKIP LOCKED`;
export const MARK_SENT_SQL = 'UPDATE outbox SET sent_at = now() WHERE tenant_id = $1 AND id = ANY($2::uuid[])';
export const UNKNOWN_TOPICS_SQL = `
  SELECT topic, count(*)::int AS rows FROM outbox
   WHERE tenant_id = $1 AND sent_at IS NULL AND NOT (topic = ANY($2::text[]))
   GROUP BY topic`;
export const SWEEP_SQL = `
  SELECT id, topic, payload, created_at FROM outbox
   WHERE tenant_id = $1 AND processed_at IS NULL AND sent_at IS NOT NULL AND topic = ANY($2::text[])
     AND sent_at < now() - make_interval(secs => $3) AND created_at > now() - make_interval(secs => $4)
   ORDER BY sent_at
   LIMIT $5
   FOR UPDATE SKIP LOCKED`;
export const RESTART_WAIT_SQL = 'UPDATE outbox SET sent_at = now() WHERE tenant_id = $1 AND id = ANY($2::uuid[])';
const LOCK_FOR_PROCESSING_SQL = `
  SELECT topic, payload, processed_at IS NOT NULL AS processed, created_at FROM outbox
   WHERE tenant_id = $1 AND id = $2
   FOR UPDATE`;
const MARK_PROCESSED_SQL = 'UPDATE outbox SET processed_at = now() WHERE tenant_id = $1 AND id = $2';

// Stringified by hand: node-postgres would turn a top-level array into a PG array.
export const INSERT_SQL = `
  INSERT INTO outbox (tenant_id, id, topic, payload)
  VALUES ($1, coalesce($2::uuid, gen_random_uuid()), $3, $4::jsonb) RETURNING id`;

export interface LockedOutboxRow {
  readonly topic: string;
  readonly payload: unknown;
  readonly processed: boolean;
  /** When the business transaction wrote it (a till purchase, for a low-balance event). */
  readonly createdAt: Date;
}

/** A processor's row, locked so a redelivered job waits and then sees it processed. */
export async function lockOutboxRowForProcessing(tx: TenantTx, outboxId: string): Promise<LockedOutboxRow | undefined> {
  const rows = await tx.query<{ topic: string; payload: unknown; processed: boolean; created_at: Date }>(
    LOCK_FOR_PROCESSING_SQL,
    [tx.tenantId, outboxId],
  );
  const row = rows[0];
  return row && { topic: row.topic, payload: row.payload, processed: row.processed, createdAt: row.created_at };
}

/** Set in the processor's transaction once its side effect is done; the sweep skips such rows. */
export async function markOutboxRowProcessed(tx: TenantTx, outboxId: string): Promise<void> {
  await tx.query(MARK_PROCESSED_SQL, [tx.tenantId, outboxId]);
}

/** Outbox rows the relay has not yet moved into a queue, in the transaction's tenant (a gauge). */
export async function countUnsentOutboxRows(tx: TenantTx): Promise<number> {
  // tenant_id repeated although RLS filters by it, as the claim does: the planner can then
  // count from outbox_unsent_idx (tenant_id, created_at) WHERE sent_at IS NULL.
  const [row] = await tx.query<{ rows: number }>(
    'SELECT count(*)::int AS rows FROM outbox WHERE tenant_id = $1 AND sent_at IS NULL',
    [tx.tenantId],
  );
  return row?.rows ?? 0;
}
