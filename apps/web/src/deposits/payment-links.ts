import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { PaymentPageUrls, ProviderName } from '@kk/payments';
import { PublicLinks, type PageContext } from '../kit';

/** The WEBHOOK_PATHS a provider posts to, on the tenant's own host. */
export const WEBHOOK_PATHS: Readonly<Record<ProviderName, string>> = {
  nexi: '/betaling/webhooks/nexi',
  mobilepay: '/betaling/webhooks/mobilepay',
};

/**
 * The addresses a provider is given: the status page, its cancel variant, the terms and the
 * webhooks, at the tenant host's configured public origin (never from request headers).
 */
@Injectable()
export class PaymentLinks {
  constructor(private readonly links: PublicLinks) {}

  of(req: Request, page: PageContext): PaymentPageUrls {
    const base = this.links.baseUrl(req, page);
    return {
      returnUrl: (paymentId) => `${base}/indbetalinger/${paymentId}`,
      cancelUrl: (paymentId) => `${base}/indbetalinger/${paymentId}?afbrudt=1`,
      termsUrl: `${base}/handelsbetingelser`,
      webhookUrl: (provider) => `${base}${WEBHOOK_PATHS[provider]}`,
    };
  }

  /** A card registration for "Automatisk Optankning" comes back to the account's tab. */
  forTopUp(req: Request, page: PageContext, accountId: string): PaymentPageUrls {
    const base = this.links.baseUrl(req, page);
    const back = (paymentId: string) => `${base}/konti/${accountId}/optankning/kort/${paymentId}`;
    return { ...this.of(req, page), returnUrl: back, cancelUrl: (paymentId) => `${back(paymentId)}?afbrudt=1` };
  }
}
