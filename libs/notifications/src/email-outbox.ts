import type { TenantTx } from '@kk/database';
import { enqueueOutbox, newOutboxId } from '@kk/jobs';
import type { Locale } from '@kk/texts';
import { composeEmail, type SenderTenant } from './email-sender';
import type { EmailSealer } from './email-sealer';
import type { EmailData, EmailKind } from './email-templates';

/** The outbox topic of every e-mail that goes through the worker. */
export const EMAIL_TOPIC = 'email.send';

/**
 * Queues an e-mail in the caller's tenant transaction: it goes out (from the worker,
 * apps/worker/src/email) exactly when the business change commits, and a crash after the
 * commit loses nothing. Rendered now, with the tenant and language of the request, and
 * sealed as a whole, so the row and its job hold no code, link or address in clear.
 */
export class EmailOutbox {
  constructor(private readonly sealer: EmailSealer) {}

  /** Returns the outbox id (the job id). */
  async enqueue<K extends EmailKind>(
    tx: TenantTx,
    tenant: SenderTenant,
    to: string,
    kind: K,
    locale: Locale,
    data: EmailData[K],
  ): Promise<string> {
    const email = composeEmail(tenant, to, kind, locale, data);
    const outboxId = newOutboxId();
    const sealed = this.sealer.seal(email, { tenantId: tx.tenantId, outboxId });
    return enqueueOutbox(tx, EMAIL_TOPIC, sealed, { id: outboxId });
  }
}
