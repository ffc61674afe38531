import { BullModule, getQueueToken } from '@nestjs/bull';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { OutboxRelay, QUEUE_NAMES, type OutboxJobData, type QueueName } from '@kk/jobs';
import { EmailDeliveryModule } from './email/email-delivery.module';
import { OutboxRelayService } from './outbox-relay.service';

export interface WorkerModuleOptions {
  /** Connected as the restricted app role. Owned by the caller, which destroys it. */
  readonly dataSource: DataSource;
  readonly redisUrl: string;
  readonly tenantIds: readonly string[];
  readonly relayIntervalMs?: number;
}

/**
 * The worker's Nest context: one Bull queue per name in QUEUE_NAMES, and the outbox relay
 * feeding them. Processors are registered here by the issues that consume each queue:
 * `balance-events` (wallet.low_balance) by the auto top-up / low-balance alerts issue.
 * Until then its jobs wait in Redis, which is where they should be.
 */
@Module({})
export class WorkerModule {
  static register(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot({ url: options.redisUrl }),
        BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
        EmailDeliveryModule.register({ dataSource: options.dataSource }),
      ],
      providers: [
        {
          provide: OutboxRelay,
          useFactory: (...queues: Queue<OutboxJobData>[]) => {
            const byName = new Map(QUEUE_NAMES.map((name, i) => [name, queues[i]]));
            return new OutboxRelay({
              dataSource: options.dataSource,
              tenantIds: options.tenantIds,
              intervalMs: options.relayIntervalMs,
              queues: (name: QueueName) => {
                const queue = byName.get(name);
                if (!queue) throw new Error(`queue ${name} is not registered in the worker`);
                return queue;
              },
            });
          },
          inject: QUEUE_NAMES.map((name) => getQueueToken(name)),
        },
        OutboxRelayService,
      ],
    };
  }
}
