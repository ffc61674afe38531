import { Controller, Get, Res } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { HealthChecks, MetricsRegistry, replyHealth, replyMetrics } from '@kk/observability';
import { Public } from '../http/public.decorator';

/** Probes and the scrape: outside /pos/v1, without a till key, not counted as till traffic. */
@Controller()
@Public()
export class OpsController {
  constructor(
    private readonly health: HealthChecks,
    private readonly metrics: MetricsRegistry,
  ) {}

  @Get('health/live')
  live(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return replyHealth(reply, this.health.live());
  }

  /** The database, as the app role. */
  @Get('health/ready')
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return replyHealth(reply, this.health.ready());
  }

  @Get('metrics')
  scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return replyMetrics(reply, this.metrics);
  }
}
