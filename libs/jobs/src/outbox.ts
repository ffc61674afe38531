import { randomUUID } from 'node:crypto';
import type { TenantTx } from '@kk/database';
import type { OutboxPayloads, OutboxTopic } from './queues';
import { INSERT_SQL } from './outbox.queries';

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
  const rows = await tx.query<{ id: string }>(INSERT_SQL, [
    tx.tenantId,
    options.id ?? null,
    topic,
    JSON.stringify(payload),
  ]);
  const row = rows[0];
  if (!row) throw new Error(`outbox insert for ${topic} returned no row`);
  return row.id;
}
