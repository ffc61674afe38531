export { openLocalRedis, ensureRedisServerInstalled, type LocalRedis, type LocalRedisOptions } from './local-redis';
export {
  QUEUES,
  QUEUE_NAMES,
  TOPIC_QUEUES,
  OUTBOX_TOPICS,
  RELAYED_JOB_OPTIONS,
  isOutboxTopic,
  queueForTopic,
  type QueueName,
  type OutboxTopic,
  type OutboxPayloads,
  type OutboxJobData,
  type QueueJobData,
  type WalletLowBalancePayload,
} from './queues';
export { enqueueOutbox } from './outbox';
export {
  OutboxRelay,
  EnqueueError,
  type OutboxRelayOptions,
  type QueueProvider,
  type RelayFailure,
  type RelayLogger,
  type RelayPassResult,
} from './outbox-relay';
