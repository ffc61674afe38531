import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MetricsRegistry, replyMetrics } from '@kk/observability';
import { Public } from '../kit';

// On any host, like /health: Prometheus scrapes the app, not a tenant.
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Public()
  @Get()
  scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    return replyMetrics(res, this.metrics);
  }
}
