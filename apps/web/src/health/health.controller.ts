import { Controller, Get, Header, Res } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { HealthChecks, replyHealth } from '@kk/observability';
import { Public } from '../kit';

// Answers on any host (excluded from tenant resolution) so load balancers need no tenant.
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthChecks) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('live')
  live(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return replyHealth(res, this.health.live());
  }

  /** The database (as the app role) and Redis, where the portal's signed-in pages use them. */
  @Public()
  @Get('ready')
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return replyHealth(res, this.health.ready());
  }
}
