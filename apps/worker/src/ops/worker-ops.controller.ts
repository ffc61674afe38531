import { Controller, Get, Res } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { HealthChecks, MetricsRegistry, replyHealth, replyMetrics } from '@kk/observability';

/** The worker's only HTTP routes: probes and the scrape, on WORKER_OPS_PORT. */
@Controller()
export class WorkerOpsController {
  constructor(
    private readonly health: HealthChecks,
    private readonly metrics: MetricsRegistry,
  ) {}

  @Get('health/live')
  live(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return replyHealth(res, this.health.live());
  }

  /** The database as the app role, and Redis through a queue's own connection. */
  @Get('health/ready')
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return replyHealth(res, this.health.ready());
  }

  @Get('metrics')
  scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    return replyMetrics(res, this.metrics);
  }
}
