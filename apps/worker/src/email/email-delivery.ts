import type { DataSource } from 'typeorm';
import { inTenant, type TenantTx } from '@kk/database';
import type { OutboxJobData } from '@kk/jobs';
import { EMAIL_TOPIC, type EmailSealer, type OutgoingEmail } from '@kk/notifications';

/** What one delivery did: sent now, found already sent by an earlier delivery, or no such row here. */
export type EmailDeliveryOutcome = 'sent' | 'alreadySent' | 'notFound';

export interface EmailDeliveryOptions {
  /** The restricted app role: RLS limits every read to the job's tenant. */
  readonly dataSource: DataSource;
  readonly sealer: EmailSealer;
  /** Resolves once the SMTP server accepted the e-mail; throws (MailDeliveryError) otherwise. */
  readonly send: (email: OutgoingEmail) => Promise<void>;
}

interface EmailRow {
  topic: string;
  payload: unknown;
  processed: boolean;
}

// Locked, so a second delivery of the same job (a stalled job redelivered while the first
// still runs) waits here and then finds the row processed, instead of sending it again.
const LOCK_ROW_SQL = `
  SELECT topic, payload, processed_at IS NOT NULL AS processed FROM outbox
   WHERE tenant_id = $1 AND id = $2
   FOR UPDATE`;
const MARK_PROCESSED_SQL = 'UPDATE outbox SET processed_at = now() WHERE tenant_id = $1 AND id = $2';

/**
 * Sends one outbox e-mail, at most once per row where that can be helped: in the job's
 * tenant (RLS), it locks the row, skips it when already processed, opens the sealed
 * e-mail, hands it to SMTP and marks the row processed in the same transaction.
 *
 * The remaining duplicate: a crash, or a lost database connection, after the SMTP server
 * accepted the e-mail and before the COMMIT that records processed_at. The row is then
 * still unprocessed, Bull redelivers the job (or the relay's sweep re-enqueues it) and the
 * e-mail goes out a second time. SMTP has no idempotency key, so this window (one commit
 * wide) cannot be closed from here; a second activation code or reset link is harmless.
 */
export class EmailDelivery {
  constructor(private readonly options: EmailDeliveryOptions) {}

  deliver(job: Pick<OutboxJobData, 'tenantId' | 'outboxId'>): Promise<EmailDeliveryOutcome> {
    return inTenant(this.options.dataSource, job.tenantId, async (tx) => {
      const row = await lockRow(tx, job.outboxId);
      // Another tenant's id, or a row of another topic: nothing this job may send.
      if (!row || row.topic !== EMAIL_TOPIC) return 'notFound';
      if (row.processed) return 'alreadySent';
      const email = this.options.sealer.open(row.payload, { tenantId: tx.tenantId, outboxId: job.outboxId });
      await this.options.send(email);
      await tx.query(MARK_PROCESSED_SQL, [tx.tenantId, job.outboxId]);
      return 'sent';
    });
  }
}

async function lockRow(tx: TenantTx, outboxId: string): Promise<EmailRow | undefined> {
  const rows = await tx.query<EmailRow>(LOCK_ROW_SQL, [tx.tenantId, outboxId]);
  return rows[0];
}
