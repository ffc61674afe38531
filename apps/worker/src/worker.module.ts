import { BullModule, getQueueToken } from '@nestjs/bull';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AdvancedSettings, Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { CardholdersModule, type CprCipher } from '@kk/cardholders';
import {
  OutboxRelay,
  QUEUE_NAMES,
  QUEUES,
  type OutboxJobData,
  type PaymentsReconciliationJobData,
  type QueueName,
} from '@kk/jobs';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import type { MetricsRegistry } from '@kk/observability';
import { PaymentsModule, type PaymentProviders } from '@kk/payments';
import { TenancyModule, type TenantRegistry } from '@kk/tenancy';
import { TenantDatabaseModule } from '@kk/tenant-database';
import { BalanceAlertsWorkerModule } from './balance-alerts/balance-alerts.module';
import { EmailDeliveryModule } from './email/email-delivery.module';
import { OutboxRelayService } from './outbox-relay.service';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { TopUpModule } from './top-up/top-up.module';
import { ReconciliationSchedule } from './reconciliation/reconciliation-schedule';
import type { ReconciliationSettings } from './reconciliation/reconciliation-settings';

/** OutboxRelay's sweep timing (its defaults: every 30 s, rows unprocessed for 5 minutes). */
export interface OutboxSweepTiming {
  readonly everyMs?: number;
  readonly afterMs?: number;
}

export interface WorkerModuleOptions {
  /** Connected as the restricted app role. Owned by the caller; TypeOrmModule destroys it when the context closes. */
  readonly dataSource: DataSource;
  readonly redisUrl: string;
  /** Bull's key prefix; unset, Bull's own. */
  readonly queuePrefix?: string;
  readonly tenants: TenantRegistry;
  readonly relayIntervalMs?: number;
  /** Unset, the relay's defaults. */
  readonly outboxSweep?: OutboxSweepTiming;
  /** Bull's settings for every queue (lock and stalled-job timing); unset, Bull's defaults. */
  readonly queueSettings?: AdvancedSettings;
  /** Each tenant's providers (ConfiguredPaymentProviders), as the portal builds them. */
  readonly paymentProviders: PaymentProviders;
  readonly cprCipher: CprCipher;
  /** The portal's SESSION_SECRET: the outbox e-mails are sealed under a key derived from it. */
  readonly sessionSecret: string;
  readonly smtpUrl: string;
  readonly reconciliation: ReconciliationSettings;
  /** Served by the worker's ops listener. */
  readonly metrics: MetricsRegistry;
  /** A tenant host's public origin (PUBLIC_BASE_URL_TEMPLATE): the links in low-balance alerts. */
  readonly publicOrigin: (host: string) => string;
}

/**
 * The worker's Nest context: one Bull queue per name in QUEUE_NAMES, the outbox relay
 * feeding them, the payments stack (the portal's, from the same tenants and variables) and
 * the processors: `emails`, `balance-events` (a till purchase's low balance: the auto
 * top-up) and `payments-reconciliation`, a repeatable job this module schedules.
 */
@Module({})
export class WorkerModule {
  static register(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot({
          url: options.redisUrl,
          ...(options.queuePrefix ? { prefix: options.queuePrefix } : {}),
          // Every processor is idempotent, so a job whose worker died is run again rather than
          // failed at its first stall (Bull's default of 1): a failed job is one the sweep skips.
          settings: { maxStalledCount: 5, ...options.queueSettings },
        }),
        BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
        ...paymentsStack(options),
        EmailDeliveryModule.register({
          dataSource: options.dataSource,
          smtpUrl: options.smtpUrl,
          sessionSecret: options.sessionSecret,
        }),
        ReconciliationModule.register({ settings: options.reconciliation, metrics: options.metrics }),
        TopUpModule.register({ metrics: options.metrics }),
        BalanceAlertsWorkerModule.register({
          metrics: options.metrics,
          emailOutbox: new EmailOutbox(EmailSealer.fromSecret(options.sessionSecret)),
          publicOrigin: options.publicOrigin,
        }),
      ],
      providers: [
        {
          provide: OutboxRelay,
          useFactory: (...queues: Queue<OutboxJobData>[]) => {
            const byName = new Map(QUEUE_NAMES.map((name, i) => [name, queues[i]]));
            return new OutboxRelay({
              dataSource: options.dataSource,
              tenantIds: options.tenants.all().map((tenant) => tenant.slug),
              intervalMs: options.relayIntervalMs,
              sweepEveryMs: options.outboxSweep?.everyMs,
              sweepAfterMs: options.outboxSweep?.afterMs,
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
        {
          provide: ReconciliationSchedule,
          useFactory: (queue: Queue<PaymentsReconciliationJobData>) =>
            new ReconciliationSchedule(queue, options.reconciliation),
          inject: [getQueueToken(QUEUES.paymentsReconciliation)],
        },
      ],
    };
  }
}

/** The data stack and PaymentsModule, wired as the portal wires them (apps/web/src/portal.module.ts). */
function paymentsStack(options: WorkerModuleOptions): NonNullable<DynamicModule['imports']> {
  return [
    TenantDatabaseModule.forRoot({ dataSource: options.dataSource }),
    CardholdersModule.forRoot({ cprCipher: options.cprCipher }),
    TenancyModule.forRoot({ registry: options.tenants }),
    PaymentsModule.forRoot({
      providers: options.paymentProviders,
      // Receipts are sealed like the portal's, so this worker's e-mail processor opens them.
      emailOutbox: new EmailOutbox(EmailSealer.fromSecret(options.sessionSecret)),
    }),
  ];
}
