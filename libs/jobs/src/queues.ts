import type { JobOptions } from 'bull';

/** Every Bull queue the system uses. Processors register against these names. */
export const QUEUES = {
  /** Low-balance events from the tills: the auto top-up (apps/worker/src/top-up). */
  balanceEvents: 'balance-events',
  /** E-mails that carry a secret or must not be lost (activation code, reset link); apps/worker/src/email. */
  emails: 'emails',
  /**
   * Not fed by the outbox: one repeatable job (every 60 s) that asks the providers about
   * payments still undecided a while after they began; apps/worker/src/reconciliation.
   */
  paymentsReconciliation: 'payments-reconciliation',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUES);

/** Written by the SQL function pos_purchase when a purchase leaves a wallet under its threshold. */
export interface WalletLowBalancePayload {
  readonly accountId: string;
  readonly purchaseId: string;
  /** Øre, after the purchase. */
  readonly balance: number;
}

/**
 * One e-mail, rendered and sealed with AES-256-GCM (libs/notifications EmailSealer): the
 * activation code and the reset links are in it, and the database otherwise holds those
 * only as hashes. Recipient, sender, subject and body are all inside the ciphertext.
 */
export interface SealedEmailPayload {
  readonly version: 1;
  /** base64url, 12 bytes. */
  readonly iv: string;
  /** base64url. */
  readonly ciphertext: string;
  /** base64url, 16 bytes. */
  readonly tag: string;
}

/** Outbox topic -> the payload its rows carry. A new topic starts here. */
export interface OutboxPayloads {
  'wallet.low_balance': WalletLowBalancePayload;
  'email.send': SealedEmailPayload;
}

export type OutboxTopic = keyof OutboxPayloads;

/**
 * Where the relay sends each topic. A `Record` over every topic, so adding a topic
 * without routing it does not compile; rows whose topic is missing here (written by a
 * newer release or by hand) stay in the outbox until a release knows them.
 */
export const TOPIC_QUEUES: Readonly<Record<OutboxTopic, QueueName>> = {
  'wallet.low_balance': QUEUES.balanceEvents,
  'email.send': QUEUES.emails,
};

/**
 * Whether a topic's processor sets `outbox.processed_at` when its effect is done. Only
 * those rows can be told apart from jobs Redis lost, so only they are swept (re-enqueued
 * when sent but still unprocessed after a while). A `Record`, so a new topic must decide.
 */
export const TOPIC_MARKS_PROCESSED: Readonly<Record<OutboxTopic, boolean>> = {
  // The auto top-up (apps/worker/src/top-up) marks it once the top-up is decided or not needed.
  'wallet.low_balance': true,
  'email.send': true,
};

export const OUTBOX_TOPICS: readonly OutboxTopic[] = Object.keys(TOPIC_QUEUES) as OutboxTopic[];

export const SWEPT_TOPICS: readonly OutboxTopic[] = OUTBOX_TOPICS.filter((topic) => TOPIC_MARKS_PROCESSED[topic]);

export function isOutboxTopic(topic: string): topic is OutboxTopic {
  return Object.prototype.hasOwnProperty.call(TOPIC_QUEUES, topic);
}

export function queueForTopic(topic: string): QueueName | undefined {
  return isOutboxTopic(topic) ? TOPIC_QUEUES[topic] : undefined;
}

/**
 * The data of every job the relay adds. The tenant id comes from the outbox row, never
 * from the payload, so a processor runs in the tenant that wrote the event; the outbox
 * id is the job id and the processor's idempotency key.
 */
export interface OutboxJobData<T extends OutboxTopic = OutboxTopic> {
  readonly tenantId: string;
  readonly outboxId: string;
  readonly topic: T;
  /** ISO 8601, when the business transaction wrote the row. */
  readonly createdAt: string;
  readonly payload: OutboxPayloads[T];
}

/** Job data per queue, for typing processors: `Job<QueueJobData['balance-events']>`. */
export interface QueueJobData {
  'balance-events': OutboxJobData<'wallet.low_balance'>;
  emails: OutboxJobData<'email.send'>;
  'payments-reconciliation': PaymentsReconciliationJobData;
}

/** A reconciliation pass needs nothing from the job: it reads every tenant's undecided payments. */
export type PaymentsReconciliationJobData = Record<string, never>;

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Options for every relayed job. Completed jobs are kept a day because a custom jobId
 * dedupes only while the job still exists: a re-relay after a crash (seconds later) then
 * adds nothing. Failed jobs are kept for inspection. Processors must still be
 * idempotent: Bull redelivers stalled jobs, and Redis without AOF can lose them.
 */
export const RELAYED_JOB_OPTIONS: Readonly<JobOptions> = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: DAY_SECONDS, count: 100_000 },
  removeOnFail: { age: 30 * DAY_SECONDS },
};
