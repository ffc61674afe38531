import type { TenantTx } from '@kk/database';
import { SWEPT_TOPICS, type OutboxPayloads, type OutboxTopic } from './queues';
import { RESTART_WAIT_SQL, SWEEP_SQL } from './outbox.queries';

/** An outbox row as the relay and the sweep read it. */
export interface OutboxRow {
  id: string;
  topic: string;
  payload: OutboxPayloads[OutboxTopic];
  created_at: Date;
}

export interface SweepSettings {
  /** A row marked sent but still unprocessed this long is looked for in Redis. */
  readonly afterMs: number;
  /**
   * Rows older than this are left alone. Must stay below how long Redis keeps failed
   * jobs (RELAYED_JOB_OPTIONS, 30 days): a job that failed for good would otherwise be
   * re-run once Redis dropped it.
   */
  readonly maxAgeMs: number;
  /** Rows looked at per tenant per sweep. */
  readonly batchSize: number;
}

/** The sweep's view of Redis; the relay supplies it, with its timeouts. */
export interface SweepRedis {
  /** Whether Redis still holds the row's job, in any state (waiting, delayed, failed …). */
  hasJob(row: OutboxRow): Promise<boolean>;
  /** Adds the rows' jobs again, each with its outbox id as job id. */
  addJobs(rows: readonly OutboxRow[]): Promise<void>;
}

export interface SweepResult {
  /** Rows looked at (their sent_at restarts the wait). */
  readonly checked: number;
  /** Of those, rows whose job Redis no longer had, added again. */
  readonly reenqueued: number;
}

// Served by outbox_unprocessed_idx (tenant_id, topic, sent_at) WHERE processed_at IS NULL
// AND sent_at IS NOT NULL. SKIP LOCKED also skips a row a processor holds while it sends.

/**
 * T15: Redis without AOF can lose jobs after the relay marked their rows sent. For topics
 * whose processors mark rows processed, a row sent a while ago and still unprocessed is
 * looked for in Redis; if its job is gone it is added again (same job id, so a job Redis
 * still has is never doubled). Either way its sent_at restarts the wait, so a job that is
 * merely slow (a backlog, retries with backoff, the failed set) is looked at again only
 * after another `afterMs`, not every pass.
 */
export async function sweepUnprocessed(tx: TenantTx, redis: SweepRedis, settings: SweepSettings): Promise<SweepResult> {
  const rows = await tx.query<OutboxRow>(SWEEP_SQL, [
    tx.tenantId,
    SWEPT_TOPICS,
    settings.afterMs / 1000,
    settings.maxAgeMs / 1000,
    settings.batchSize,
  ]);
  if (rows.length === 0) return { checked: 0, reenqueued: 0 };
  const lost = await jobsMissingFromRedis(rows, redis);
  // Throwing here rolls back: the rows keep their sent_at and the next sweep tries again.
  if (lost.length > 0) await redis.addJobs(lost);
  await tx.query(RESTART_WAIT_SQL, [tx.tenantId, rows.map((row) => row.id)]);
  return { checked: rows.length, reenqueued: lost.length };
}

async function jobsMissingFromRedis(rows: readonly OutboxRow[], redis: SweepRedis): Promise<OutboxRow[]> {
  const present = await Promise.all(rows.map((row) => redis.hasJob(row)));
  return rows.filter((_, i) => !present[i]);
}
