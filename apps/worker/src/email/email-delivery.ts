import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { lockOutboxRowForProcessing, markOutboxRowProcessed, type OutboxJobData } from '@kk/jobs';
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

/**
 * Sends one outbox e-mail, at most once per row where that can be helped: in the job's
 * tenant (RLS), it locks the row (a redelivered job waits, then finds it processed),
 * skips it when already processed, opens the sealed
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
      const row = await lockOutboxRowForProcessing(tx, job.outboxId);
      // Another tenant's id, or a row of another topic: nothing this job may send.
      if (!row || row.topic !== EMAIL_TOPIC) return 'notFound';
      if (row.processed) return 'alreadySent';
      const email = this.options.sealer.open(row.payload, { tenantId: tx.tenantId, outboxId: job.outboxId });
      await this.options.send(email);
      await markOutboxRowProcessed(tx, job.outboxId);
      return 'sent';
    });
  }
}
