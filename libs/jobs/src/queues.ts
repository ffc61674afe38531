import type { JobOptions } from 'bull';

/** Every Bull queue the system uses. Processors register against these names. */
export const QUEUES = {
  /** Consumed by the auto top-up / low-balance alerts issue (not yet written). */
  balanceEvents: 'balance-events',
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

/** Outbox topic -> the payload its rows carry. A new topic starts here. */
export interface OutboxPayloads {
  'wallet.low_balance': WalletLowBalancePayload;
}

export type OutboxTopic = keyof OutboxPayloads;

/**
 * Where the relay sends each topic. A `Record` over every topic, so adding a topic
 * without routing it does not compile; rows whose topic is missing here (written by a
 * newer release or by hand) stay in the outbox until a release knows them.
 */
export const TOPIC_QUEUES: Readonly<Record<OutboxTopic, QueueName>> = {
  'wallet.low_balance': QUEUES.balanceEvents,
};

export const OUTBOX_TOPICS: readonly OutboxTopic[] = Object.keys(TOPIC_QUEUES) as OutboxTopic[];

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
}

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
