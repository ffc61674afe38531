export { openLocalRedis, ensureRedisServerInstalled, type LocalRedis, type LocalRedisOptions } from './local-redis';
export {
  QUEUES,
  QUEUE_NAMES,
  TOPIC_QUEUES,
  OUTBOX_TOPICS,
  SWEPT_TOPICS,
  TOPIC_MARKS_PROCESSED,
  RELAYED_JOB_OPTIONS,
  isOutboxTopic,
  queueForTopic,
  type QueueName,
  type OutboxTopic,
  type OutboxPayloads,
  type OutboxJobData,
  type QueueJobData,
  type WalletLowBalancePayload,
  type PaymentsReconciliationJobData,
  type SealedEmailPayload,
} from './queues';
export { enqueueOutbox, newOutboxId, type EnqueueOutboxOptions } from './outbox';
export type { SweepSettings } from './outbox-sweep';
export {
  OutboxRelay,
  EnqueueError,
  type OutboxRelayOptions,
  type QueueProvider,
  type RelayFailure,
  type RelayLogger,
  type RelayPassResult,
} from './outbox-relay';
export {
  countUnsentOutboxRows,
  lockOutboxRowForProcessing,
  markOutboxRowProcessed,
  type LockedOutboxRow,
} from './outbox.queries';
export { OutboxEntity, JOB_ENTITIES } from './outbox.entity';
export { withTimeout } from './with-timeout';
