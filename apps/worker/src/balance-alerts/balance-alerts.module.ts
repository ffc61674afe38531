import { Module, type DynamicModule } from '@nestjs/common';
import { LowBalanceAlertsModule, type LowBalanceAlerterOptions } from '@kk/balance-alerts';
import type { MetricsRegistry } from '@kk/observability';
import { BalanceAlertMetrics } from './balance-alert-metrics';
import { BalanceAlertStep } from './balance-alert.step';

export interface BalanceAlertsWorkerOptions extends LowBalanceAlerterOptions {
  readonly metrics: MetricsRegistry;
}

/**
 * "Besked ved lav saldo" in the worker: the alert step of the `balance-events` consumer.
 * Global, so the consumer (TopUpModule's) injects the step. Needs the data stack and
 * TenancyModule, as PaymentsModule does.
 */
@Module({})
export class BalanceAlertsWorkerModule {
  static register(options: BalanceAlertsWorkerOptions): DynamicModule {
    const { metrics, ...alerter } = options;
    return {
      module: BalanceAlertsWorkerModule,
      global: true,
      imports: [LowBalanceAlertsModule.register(alerter)],
      providers: [
        { provide: BalanceAlertMetrics, useFactory: () => new BalanceAlertMetrics(metrics) },
        BalanceAlertStep,
      ],
      exports: [BalanceAlertStep],
    };
  }
}
