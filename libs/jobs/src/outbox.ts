import { randomUUID } from 'node:crypto';
import type { TenantTx } from '@kk/database';
import type { OutboxPayloads, OutboxTopic } from './queues';

export interface EnqueueOutboxOptions {
  /**
   * The row's id, when the payload must name it before the row exists (a sealed payload
   * binds its row's id, so it cannot be copied into another row); see newOutboxId().
   */
  readonly id?: string;
}

/** A fresh outbox id, for enqueueOutbox's `id` option. */
export function newOutboxId(): string {
  return randomUUID();
}

/**
 * Records an event in the caller's transaction: it exists exactly when the business
 * change commits, and the worker's relay moves it to its queue afterwards. Nothing is
 * written to Redis here, so a Redis outage never fails or slows the business request.
 * Returns the outbox id, which becomes the job id.
 */
export async function enqueueOutbox<T extends OutboxTopic>(
  tx: TenantTx,
  topic: T,
  payload: OutboxPayloads[T],
  options: EnqueueOutboxOptions = {},
): Promise<string> {
  // Stringified by hand: node-postgres would turn a top-level array into a PG array.
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO outbox (tenant_id, id, topic, payload)
     VALUES ($1, coalesce($2::uuid, gen_random_uuid()), $3, $4::jsonb) RETURNING id`,
    [tx.tenantId, options.id ?? null, topic, JSON.stringify(payload)],
  );
  const row = rows[0];
  if (!row) throw new Error(`outbox insert for ${topic} returned no row`);
  return row.id;
}
