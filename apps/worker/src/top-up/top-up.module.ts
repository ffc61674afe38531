import { Module, type DynamicModule } from '@nestjs/common';
import type { MetricsRegistry } from '@kk/observability';
import { TopUpConsumer } from './top-up.consumer';
import { TopUpMetrics } from './top-up-metrics';

/** "Automatisk Optankning": the `balance-events` consumer. Needs PaymentsModule and its data stack (global). */
@Module({})
export class TopUpModule {
  static register(options: { readonly metrics: MetricsRegistry }): DynamicModule {
    return {
      module: TopUpModule,
      providers: [{ provide: TopUpMetrics, useFactory: () => new TopUpMetrics(options.metrics) }, TopUpConsumer],
    };
  }
}
