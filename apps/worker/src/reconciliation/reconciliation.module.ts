import { Module, type DynamicModule } from '@nestjs/common';
import type { MetricsRegistry } from '@kk/observability';
import { ReconciliationConsumer } from './reconciliation.consumer';
import { ReconciliationMetrics } from './reconciliation-metrics';
import { RECONCILIATION_SETTINGS, type ReconciliationSettings } from './reconciliation-settings';

export interface ReconciliationModuleOptions {
  readonly settings: ReconciliationSettings;
  /** The worker's, which its ops listener serves on /metrics. */
  readonly metrics: MetricsRegistry;
}

/**
 * Runs the payment reconciliation (the `payments-reconciliation` queue, which WorkerModule
 * registers and schedules). Needs PaymentsModule and the data stack it needs, all global.
 */
@Module({})
export class ReconciliationModule {
  static register(options: ReconciliationModuleOptions): DynamicModule {
    return {
      module: ReconciliationModule,
      providers: [
        { provide: RECONCILIATION_SETTINGS, useValue: options.settings },
        { provide: ReconciliationMetrics, useFactory: () => new ReconciliationMetrics(options.metrics) },
        ReconciliationConsumer,
      ],
    };
  }
}
