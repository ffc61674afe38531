import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule, MetricsRegistry, type ReadinessTargets } from '@kk/observability';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

/** The probes and the scrape (/health, /health/live, /health/ready, /metrics): on any host, no tenant. */
@Module({})
export class OpsModule {
  static forRoot(options: { readonly readiness: ReadinessTargets; readonly metrics: MetricsRegistry }): DynamicModule {
    return {
      module: OpsModule,
      imports: [HealthModule.forRoot(options.readiness)],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: MetricsRegistry, useValue: options.metrics }],
    };
  }
}
