import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PaymentWebhooksService, type ProviderName, type WebhookOutcome } from '@kk/payments';
import { Page, Public, type PageContext } from '../kit';

const PROVIDERS: readonly ProviderName[] = ['nexi', 'mobilepay'];
const STATUS: Record<WebhookOutcome, number> = { accepted: 200, unauthenticated: 401, malformed: 400 };

/**
 * The providers' webhooks, on the tenant's host (so the tenant is the host's). Public: they are
 * authenticated by Nexi's authorization value or MobilePay's signature, in the lib, in
 * constant time. Outside the session and CSRF middleware (portal.module.ts).
 */
@Controller('betaling/webhooks')
export class PaymentWebhooksController {
  constructor(private readonly webhooks: PaymentWebhooksService) {}

  @Public()
  @Post(':provider')
  @HttpCode(200)
  async receive(
    @Page() page: PageContext,
    @Param('provider') provider: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const name = PROVIDERS.find((p) => p === provider);
    if (!name) return res.status(404).end();
    const rawBody = (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
    const request = { pathAndQuery: req.originalUrl, host: req.get('host') ?? '', headers: req.headers, rawBody };
    res.status(STATUS[await this.webhooks.receive(page.tenant, name, request)]).end();
  }
}
