import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import type { TenantConfig } from '@kk/tenancy';
import type { ProviderName } from '../gateway/payment-gateway';
import { PaymentProviders, PaymentsNotConfiguredError } from '../gateway/payment-providers';
import { PaymentsRepository } from '../payments.repository';
import { parseMobilePayWebhook, parseNexiWebhook, verifyMobilePayWebhook, verifyNexiWebhook } from '../providers';
import { PaymentSettlement } from '../settlement/payment-settlement';
import { PaymentEventsRepository } from './payment-events.repository';

/** One webhook request as it arrived: the raw body is what MobilePay signed. */
export interface WebhookRequest {
  readonly pathAndQuery: string;
  readonly host: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer;
}

/**
 * `unauthenticated`: 401, nothing done. `malformed`: 400. `accepted`: 200 — also for an event
 * about a payment we do not know (answering otherwise makes the provider retry for days).
 */
export type WebhookOutcome = 'accepted' | 'unauthenticated' | 'malformed';

/**
 * A provider's event is a hint, never a fact about money: once its secret or signature is
 * checked (in constant time), the payment it names is read again from the provider's API
 * and settled from that answer. Replayed, reordered or forged events therefore move nothing.
 */
@Injectable()
export class PaymentWebhooksService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly providers: PaymentProviders,
    private readonly payments: PaymentsRepository,
    private readonly events: PaymentEventsRepository,
    private readonly settlement: PaymentSettlement,
  ) {}

  async receive(tenant: TenantConfig, provider: ProviderName, request: WebhookRequest): Promise<WebhookOutcome> {
    let secret: string;
    try {
      secret = this.providers.webhookSecret(tenant, provider);
    } catch (error) {
      if (error instanceof PaymentsNotConfiguredError) return 'unauthenticated';
      throw error;
    }
    const event = provider === 'nexi' ? this.nexiEvent(secret, request) : this.mobilePayEvent(secret, request);
    if (event === 'unauthenticated' || event === 'malformed') return event;

    const payment = await this.transactions.run(tenant.slug, async () => {
      const found = await this.paymentNamed(provider, event.paymentRef);
      await this.events.recordOnce(provider, event.eventId, event.eventName, found?.id ?? null);
      return found;
    });
    // The provider retries a failed delivery, so an unreachable provider API here is worth a 5xx.
    if (payment) await this.settlement.settle(tenant.slug, payment.id);
    return 'accepted';
  }

  private nexiEvent(secret: string, request: WebhookRequest): ParsedEvent | 'unauthenticated' | 'malformed' {
    if (!verifyNexiWebhook(header(request.headers, 'authorization'), secret)) return 'unauthenticated';
    const parsed = parseNexiWebhook(request.rawBody);
    if (!parsed.ok) return 'malformed';
    return { eventId: parsed.event.eventId, eventName: parsed.event.event, paymentRef: parsed.event.paymentId };
  }

  private mobilePayEvent(secret: string, request: WebhookRequest): ParsedEvent | 'unauthenticated' | 'malformed' {
    const verified = verifyMobilePayWebhook({
      method: 'POST',
      pathAndQuery: request.pathAndQuery,
      host: request.host,
      headers: request.headers,
      rawBody: request.rawBody,
      secret,
      now: new Date(),
    });
    if (!verified) return 'unauthenticated';
    const parsed = parseMobilePayWebhook(request.rawBody);
    if (!parsed.ok) return 'malformed';
    const event = parsed.event;
    // MobilePay's events carry no id of their own: its pspReference and name identify one.
    return { eventId: `${event.pspReference}:${event.name}`, eventName: event.name, paymentRef: event.reference };
  }

  private paymentNamed(provider: ProviderName, ref: string) {
    return this.payments.findByProviderPaymentId(provider, ref);
  }
}

interface ParsedEvent {
  readonly eventId: string;
  readonly eventName: string;
  /** Nexi's paymentId, or MobilePay's reference (ours). */
  readonly paymentRef: string;
}

function header(headers: WebhookRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
