import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HealthModule, MetricsRegistry, type PingableRedis } from '@kk/observability';
import { registerWorkerMetrics, type WorkerMetricsSources } from './worker-metrics';
import { WorkerOpsController } from './worker-ops.controller';

export interface WorkerOpsOptions extends WorkerMetricsSources {
  /** 0: any free port (tests). */
  readonly port: number;
  /** Readiness pings it: a queue's connection, so a dead Redis shows as the worker sees it. */
  readonly redis: PingableRedis;
  readonly logger: LoggerService;
  /** The registry the worker's own counters are on (the reconciliation's); a new one unless given. */
  readonly metrics?: MetricsRegistry;
}

export interface WorkerOps {
  /** e.g. http://localhost:3004 */
  readonly url: string;
  close(): Promise<void>;
}

@Module({})
class WorkerOpsModule {
  static register(options: WorkerOpsOptions, metrics: MetricsRegistry): DynamicModule {
    return {
      module: WorkerOpsModule,
      imports: [HealthModule.forRoot({ database: options.dataSource, redis: options.redis })],
      controllers: [WorkerOpsController],
      providers: [{ provide: MetricsRegistry, useValue: metrics }],
    };
  }
}

/**
 * The worker has no HTTP app of its own; this tiny one serves only /health/live,
 * /health/ready and /metrics, so the worker is probed and scraped like the other apps.
 */
export async function startWorkerOps(options: WorkerOpsOptions): Promise<WorkerOps> {
  const metrics = options.metrics ?? new MetricsRegistry();
  registerWorkerMetrics(metrics, options);
  const app = await NestFactory.create<NestExpressApplication>(WorkerOpsModule.register(options, metrics), {
    abortOnError: false,
    logger: options.logger,
  });
  app.disable('x-powered-by');
  await app.listen(options.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://localhost:${port}`, close: () => app.close() };
}
