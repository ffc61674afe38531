import { Logger } from '@nestjs/common';
import Bull, { type Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { OutboxRelay, QUEUE_NAMES, QUEUES, type OutboxJobData, type QueueName, type RelayLogger } from '@kk/jobs';
import { EmailSealer, EmailSender, SmtpMailer } from '@kk/notifications';
import { EmailDelivery } from './email-delivery';
import { reportEmailJobFailure, runEmailJob, type EmailJob, type EmailJobLogger } from './email-jobs';

export interface EmailDeliveryRunOptions {
  /** The restricted app role; owned by the caller. */
  readonly dataSource: DataSource;
  readonly redisUrl: string;
  /** Bull key prefix: one of its own keeps these queues apart from every other on the Redis. */
  readonly prefix: string;
  readonly smtpUrl: string;
  /** The secret the web app sealed the e-mails under (its session secret). */
  readonly sessionSecret: string;
  readonly tenantIds: readonly string[];
  readonly relayIntervalMs?: number;
  readonly logger?: RelayLogger & EmailJobLogger;
}

export interface EmailDeliveryRun {
  readonly relay: OutboxRelay;
  readonly emails: Queue<OutboxJobData>;
  stop(): Promise<void>;
}

/**
 * The worker's e-mail pieces without Nest, in the caller's process: the outbox relay for
 * the given tenants, the `emails` consumer and an SMTP mailer. For tests that read the
 * e-mails from an SMTP catcher; the worker itself wires the same pieces in
 * EmailDeliveryModule.
 */
export function startEmailDelivery(options: EmailDeliveryRunOptions): EmailDeliveryRun {
  const logger = options.logger ?? new Logger('EmailDelivery');
  const queues = new Map<QueueName, Queue<OutboxJobData>>(
    QUEUE_NAMES.map((name) => [name, new Bull<OutboxJobData>(name, options.redisUrl, { prefix: options.prefix })]),
  );
  const emails = queueOf(queues, QUEUES.emails);
  const mailer = new SmtpMailer({ smtpUrl: options.smtpUrl, from: 'no-reply@localhost' });
  const sender = new EmailSender((from) => mailer.withSender(from));
  const delivery = new EmailDelivery({
    dataSource: options.dataSource,
    sealer: EmailSealer.fromSecret(options.sessionSecret),
    send: (email) => sender.sendComposed(email),
  });
  emails
    .process((job) => runEmailJob(delivery, job as EmailJob, logger))
    .catch((error: unknown) => {
      logger.error(`e-mail consumer stopped: ${error instanceof Error ? error.message : String(error)}`);
    });
  emails.on('failed', (job, error) => reportEmailJobFailure(job as EmailJob, error, logger));
  const relay = new OutboxRelay({
    dataSource: options.dataSource,
    queues: (name) => queueOf(queues, name),
    tenantIds: options.tenantIds,
    intervalMs: options.relayIntervalMs ?? 50,
    logger,
  });
  relay.start();
  return {
    relay,
    emails,
    stop: async () => {
      await relay.stop();
      for (const queue of queues.values()) await queue.close();
      mailer.close();
    },
  };
}

function queueOf(queues: ReadonlyMap<QueueName, Queue<OutboxJobData>>, name: QueueName): Queue<OutboxJobData> {
  const queue = queues.get(name);
  if (!queue) throw new Error(`queue ${name} is not open`);
  return queue;
}
