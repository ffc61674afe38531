import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/public.decorator';

// Answers on any host (excluded from tenant resolution) so load balancers need no tenant.
@Controller('health')
export class HealthController {
  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
