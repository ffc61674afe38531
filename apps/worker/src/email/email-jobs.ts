import type { Job } from 'bull';
import type { QueueJobData } from '@kk/jobs';
import { EmailSealError } from '@kk/notifications';
import type { EmailDelivery, EmailDeliveryOutcome } from './email-delivery';

export type EmailJob = Job<QueueJobData['emails']>;

export interface EmailJobLogger {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Runs one job of the `emails` queue. A failure is thrown so Bull retries it with backoff
 * (RELAYED_JOB_OPTIONS); an e-mail that cannot be opened never will be, so its job is
 * discarded and goes straight to the failed set.
 */
export async function runEmailJob(
  delivery: EmailDelivery,
  job: EmailJob,
  logger: EmailJobLogger,
): Promise<EmailDeliveryOutcome> {
  try {
    const outcome = await delivery.deliver(job.data);
    if (outcome === 'notFound') {
      logger.warn(`${describeJob(job)}: no such e-mail in the outbox of this tenant; nothing sent`);
    }
    return outcome;
  } catch (error) {
    if (error instanceof EmailSealError) await job.discard();
    throw error;
  }
}

/**
 * For Bull's `failed` event, which fires after every failed attempt. Only ids and the
 * error's message are logged: MailDeliveryError names the recipient's domain, never the
 * address, and nothing here can see the e-mail's content.
 */
export function reportEmailJobFailure(job: EmailJob, error: Error, logger: EmailJobLogger): void {
  const attempts = job.opts.attempts ?? 1;
  if (error instanceof EmailSealError || job.attemptsMade >= attempts) {
    logger.error(
      `${describeJob(job)} failed for good after ${job.attemptsMade} attempt(s) and stays in the failed set: ` +
        error.message,
    );
    return;
  }
  logger.warn(`${describeJob(job)}: attempt ${job.attemptsMade} of ${attempts} failed, will retry: ${error.message}`);
}

function describeJob(job: EmailJob): string {
  return `e-mail ${job.data.outboxId} of tenant ${job.data.tenantId}`;
}
