import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type {
  HostedPayment,
  HostedPaymentRequest,
  PaymentProvider,
  ProviderPaymentState,
  ProviderRefund,
  ProviderRefundState,
  RefundRequest,
  StoredCardChargeRequest,
  StoredCardChargeState,
  StoredCardCharger,
} from '../../gateway/payment-gateway';
import {
  assertBaseUrl,
  DEFAULT_PROVIDER_TIMEOUT_MS,
  providerUrl,
  sendProviderRequest,
  type ProviderHttpDependencies,
} from '../provider-http';
import {
  NEXI_CHARGE_EVENTS,
  NEXI_PAYMENT_EVENTS,
  nexiBulkChargeResponseSchema,
  nexiBulkChargeStatusResponseSchema,
  nexiCreatePaymentResponseSchema,
  nexiOrder,
  nexiRefundResponseSchema,
  nexiRetrievePaymentResponseSchema,
  nexiWebHooks,
  type NexiBulkChargeStatus,
} from './nexi-api';
import { nexiPaymentState, nexiStoredCardChargeState } from './nexi-payment-state';
import { nexiRefundState } from './nexi-refund-state';
import { verifyNexiWebhook } from './nexi-webhook';

export interface NexiProviderSettings {
  /** The API origin without /v1: https://test.api.dibspayment.eu or https://api.dibspayment.eu. */
  readonly baseUrl: string;
  /** The merchant's secret API key, sent as the Authorization header as it is (no "Bearer"). */
  readonly secretKey: string;
  /** 8–32 letters and digits: Nexi sends it back as the Authorization header of each webhook. */
  readonly webhookAuthorization: string;
  /** Per HTTP call; default 10 s. */
  readonly timeoutMs?: number;
  /**
   * Nexi charges a stored card asynchronously; `charge` looks this many times, this far apart,
   * before it answers 'pending' (asking again later with the same reference is safe).
   * Default 5 × 500 ms.
   */
  readonly chargePoll?: { readonly attempts: number; readonly intervalMs: number };
}

const WEBHOOK_AUTHORIZATION_PATTERN = /^[A-Za-z0-9]{8,32}$/;
const DEFAULT_CHARGE_POLL = { attempts: 5, intervalMs: 500 };

/**
 * Nexi Checkout (Nets Easy) through its hosted payment page, and its unscheduled card-on-file
 * charges for auto top-up.
 */
export class NexiProvider implements PaymentProvider, StoredCardCharger {
  readonly name = 'nexi' as const;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly chargePoll: { readonly attempts: number; readonly intervalMs: number };

  constructor(
    private readonly settings: NexiProviderSettings,
    dependencies: ProviderHttpDependencies = {},
  ) {
    if (!settings.secretKey) throw new Error('Nexi: the secret key is not set');
    // The value is a secret: the message says what is wrong with it, never what it is.
    if (!WEBHOOK_AUTHORIZATION_PATTERN.test(settings.webhookAuthorization)) {
      throw new Error('Nexi: the webhook authorization must be 8–32 letters and digits');
    }
    assertBaseUrl('Nexi', settings.baseUrl);
    this.fetchImpl = dependencies.fetch ?? fetch;
    this.sleep = dependencies.sleep ?? ((ms) => delay(ms).then(() => undefined));
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
    this.chargePoll = settings.chargePoll ?? DEFAULT_CHARGE_POLL;
  }

  async createHostedPayment(request: HostedPaymentRequest): Promise<HostedPayment> {
    if (!Number.isSafeInteger(request.amount) || request.amount < 0 || (request.amount === 0 && !request.storeCard)) {
      throw new RangeError('Nexi: a hosted payment is for a positive amount in øre, or 0 to register a card');
    }
    const created = await this.send('POST', '/v1/payments', nexiCreatePaymentResponseSchema, {
      order: nexiOrder(request.reference, request.description, request.amount),
      checkout: {
        integrationType: 'HostedPaymentPage',
        returnUrl: request.returnUrl,
        cancelUrl: request.cancelUrl,
        termsUrl: request.termsUrl,
        // Nexi charges the reservation as soon as the payer completes the page: see capture().
        charge: true,
      },
      ...(request.storeCard ? { unscheduledSubscription: { create: true } } : {}),
      notifications: {
        webHooks: nexiWebHooks(NEXI_PAYMENT_EVENTS, request.webhookUrl, this.settings.webhookAuthorization),
      },
    });
    return { providerPaymentId: created.paymentId, redirectUrl: created.hostedPaymentPageUrl };
  }

  async readPayment(providerPaymentId: string): Promise<ProviderPaymentState> {
    const { payment } = await this.send(
      'GET',
      `/v1/payments/${encodeURIComponent(providerPaymentId)}`,
      nexiRetrievePaymentResponseSchema,
    );
    return nexiPaymentState(payment);
  }

  /**
   * Nothing to do: every payment is created with checkout.charge:true, so Nexi charges it
   * itself when the payer completes the page, and readPayment answers 'completed' only once
   * the charged amount is the order amount (it never answers 'authorized'). Charging it here
   * as well would at best be refused as more than the reservation.
   */
  async capture(_providerPaymentId: string, _amount: number): Promise<void> {}

  /** PUT /v1/payments/{id}/terminate: the checkout ends; Nexi refuses it once the payment is reserved. */
  async cancel(providerPaymentId: string): Promise<void> {
    await this.send('PUT', `/v1/payments/${encodeURIComponent(providerPaymentId)}/terminate`, z.unknown());
  }

  /** GET /v1/payments/{id}: its charges, refunds and summary. */
  async readRefunds(providerPaymentId: string): Promise<ProviderRefundState> {
    const { payment } = await this.send(
      'GET',
      `/v1/payments/${encodeURIComponent(providerPaymentId)}`,
      nexiRetrievePaymentResponseSchema,
    );
    return nexiRefundState(payment);
  }

  /**
   * POST /v1/charges/{chargeId}/refunds. Nexi has no idempotency key here: sending this twice
   * refunds twice, so the caller reads readRefunds before every attempt. The one order line
   * makes the refund's line totals add up, as Nexi checks for charges.
   */
  async refund(request: RefundRequest): Promise<ProviderRefund> {
    if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
      throw new RangeError('Nexi: a refund is for a positive amount in øre');
    }
    const { refundId } = await this.send(
      'POST',
      `/v1/charges/${encodeURIComponent(request.refundTarget)}/refunds`,
      nexiRefundResponseSchema,
      {
        amount: request.amount,
        orderItems: nexiOrder(request.reference, request.description, request.amount).items,
      },
    );
    return { providerRefundId: refundId };
  }

  /**
   * A bulk charge of one, because the bulk's externalBulkChargeId (our reference) is what makes
   * a retry safe: Nexi answers the same reference with the same bulk and charges nothing new.
   * Then the bulk's state is read a few times, briefly; 'pending' means "ask again later".
   */
  async charge(request: StoredCardChargeRequest): Promise<StoredCardChargeState> {
    if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
      throw new RangeError('Nexi: a stored-card charge is for a positive amount in øre');
    }
    const { bulkId } = await this.send('POST', '/v1/unscheduledsubscriptions/charges', nexiBulkChargeResponseSchema, {
      externalBulkChargeId: request.reference,
      ...(request.webhookUrl
        ? {
            notifications: {
              webHooks: nexiWebHooks(NEXI_CHARGE_EVENTS, request.webhookUrl, this.settings.webhookAuthorization),
            },
          }
        : {}),
      unscheduledSubscriptions: [
        {
          unscheduledSubscriptionId: request.storedCardId,
          order: nexiOrder(request.reference, request.description, request.amount),
        },
      ],
    });

    let state: StoredCardChargeState = { status: 'pending' };
    for (let attempt = 0; attempt < this.chargePoll.attempts; attempt += 1) {
      if (attempt > 0) await this.sleep(this.chargePoll.intervalMs);
      const bulk = await this.readBulkCharge(bulkId);
      state = nexiStoredCardChargeState(chargeOf(bulk, request.storedCardId), request.amount);
      if (state.status !== 'pending') return state;
    }
    return state;
  }

  /** The Authorization header of a webhook that claims to come from Nexi. */
  verifyWebhook(authorizationHeader: string | undefined): boolean {
    return verifyNexiWebhook(authorizationHeader, this.settings.webhookAuthorization);
  }

  private readBulkCharge(bulkId: string): Promise<NexiBulkChargeStatus> {
    return this.send(
      'GET',
      `/v1/unscheduledsubscriptions/charges/${encodeURIComponent(bulkId)}?skip=0&take=10`,
      nexiBulkChargeStatusResponseSchema,
    );
  }

  private send<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    responseSchema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    return sendProviderRequest(
      'nexi',
      {
        method,
        url: providerUrl(this.settings.baseUrl, path),
        headers: { authorization: this.settings.secretKey },
        body,
        timeoutMs: this.timeoutMs,
        responseSchema,
      },
      this.fetchImpl,
    );
  }
}

/** Our bulk holds one charge; should Nexi list it with others, take the one for our card. */
function chargeOf(bulk: NexiBulkChargeStatus, storedCardId: string) {
  const page = bulk.page ?? [];
  return page.find((item) => item.unscheduledSubscriptionId === storedCardId) ?? page[0];
}
