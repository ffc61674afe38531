import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  HostedPayment,
  HostedPaymentRequest,
  PaymentProvider,
  PaymentReference,
  ProviderPaymentState,
  ProviderRefund,
  ProviderRefundState,
  RefundRequest,
} from '../../gateway/payment-gateway';
import {
  assertBaseUrl,
  DEFAULT_PROVIDER_TIMEOUT_MS,
  providerUrl,
  sendProviderRequest,
  type ProviderHttpDependencies,
} from '../provider-http';
import { MobilePayAccessTokens } from './mobilepay-access-token';
import {
  dkk,
  mobilePayCreatePaymentResponseSchema,
  mobilePayDescription,
  mobilePayModificationResponseSchema,
  mobilePayPaymentSchema,
} from './mobilepay-api';
import { mobilePayPaymentState } from './mobilepay-payment-state';
import { verifyMobilePayWebhook, type MobilePayWebhookRequest } from './mobilepay-webhook';

export interface MobilePayProviderSettings {
  /** https://apitest.vipps.no or https://api.vipps.no. */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Ocp-Apim-Subscription-Key. */
  readonly subscriptionKey: string;
  /** The sales unit's MSN, 4–6 digits. */
  readonly merchantSerialNumber: string;
  /** The secret the webhook registration (POST /webhooks/v1/webhooks) answered with. */
  readonly webhookSecret: string;
  /** Per HTTP call; default 10 s. */
  readonly timeoutMs?: number;
}

// Sent on every call, as Vipps MobilePay asks integrators to, so their support can tell us apart.
const SYSTEM_HEADERS = { 'Vipps-System-Name': 'kantinekort', 'Vipps-System-Version': '1' };
const IDEMPOTENCY_KEY_MAX = 50;

/**
 * Vipps MobilePay's ePayment API with the WEB_REDIRECT flow: the payer approves in the app,
 * the payment is AUTHORIZED, and we capture it. MobilePay keeps no card for us, so this adapter
 * is no StoredCardCharger; and it registers webhooks per sales unit, not per payment, so the
 * request's webhookUrl (and cancelUrl and termsUrl, which ePayment does not have) go unused.
 */
export class MobilePayProvider implements PaymentProvider {
  readonly name = 'mobilepay' as const;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly tokens: MobilePayAccessTokens;

  constructor(
    private readonly settings: MobilePayProviderSettings,
    dependencies: ProviderHttpDependencies = {},
  ) {
    assertBaseUrl('MobilePay', settings.baseUrl);
    for (const key of ['clientId', 'clientSecret', 'subscriptionKey', 'webhookSecret'] as const) {
      if (!settings[key]) throw new Error(`MobilePay: ${key} is not set`);
    }
    if (!/^\d{4,6}$/.test(settings.merchantSerialNumber)) {
      throw new Error('MobilePay: the merchant serial number is 4–6 digits');
    }
    this.fetchImpl = dependencies.fetch ?? fetch;
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
    this.tokens = new MobilePayAccessTokens(
      settings,
      SYSTEM_HEADERS,
      this.timeoutMs,
      this.fetchImpl,
      dependencies.now ?? Date.now,
    );
  }

  /**
   * The reference is the Idempotency-Key, so creating the same payment again (a retry after a
   * timeout) answers the first payment instead of a second one.
   */
  async createHostedPayment(request: HostedPaymentRequest): Promise<HostedPayment> {
    if (request.storeCard) throw new RangeError('MobilePay: ePayment cannot keep a card on file');
    if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
      throw new RangeError('MobilePay: a payment is for a positive amount in øre');
    }
    const created = await this.send(
      'POST',
      '/epayment/v1/payments',
      mobilePayCreatePaymentResponseSchema,
      {
        amount: dkk(request.amount),
        paymentMethod: { type: 'WALLET' },
        reference: request.reference,
        returnUrl: request.returnUrl,
        userFlow: 'WEB_REDIRECT',
        paymentDescription: mobilePayDescription(request.description),
      },
      request.reference,
    );
    return { providerPaymentId: created.reference, redirectUrl: created.redirectUrl };
  }

  async readPayment(providerPaymentId: string): Promise<ProviderPaymentState> {
    const payment = await this.send('GET', paymentPath(providerPaymentId), mobilePayPaymentSchema);
    return mobilePayPaymentState(payment);
  }

  /**
   * Captures in full. The Idempotency-Key comes from the reference, so a repeated capture (the
   * worker retried, or two of them raced) answers the first capture and captures nothing more.
   */
  async capture(providerPaymentId: string, amount: number): Promise<void> {
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      throw new RangeError('MobilePay: a capture is for a positive amount in øre');
    }
    await this.send(
      'POST',
      `${paymentPath(providerPaymentId)}/capture`,
      mobilePayModificationResponseSchema,
      { modificationAmount: dkk(amount) },
      captureIdempotencyKey(providerPaymentId),
    );
  }

  /** POST …/{reference}/cancel: before approval it terminates the payment; the Idempotency-Key makes a repeat harmless. */
  async cancel(providerPaymentId: string): Promise<void> {
    await this.send(
      'POST',
      `${paymentPath(providerPaymentId)}/cancel`,
      mobilePayModificationResponseSchema,
      {},
      `cancel-${providerPaymentId}`.slice(0, IDEMPOTENCY_KEY_MAX),
    );
  }

  /** GET the payment: its aggregate says what was captured and refunded. */
  async readRefunds(providerPaymentId: string): Promise<ProviderRefundState> {
    const payment = await this.send('GET', paymentPath(providerPaymentId), mobilePayPaymentSchema);
    return {
      chargedAmount: payment.aggregate.capturedAmount.value,
      refundedAmount: payment.aggregate.refundedAmount.value,
      refundTarget: payment.reference,
    };
  }

  /**
   * POST …/{reference}/refund. The Idempotency-Key is our refund's id, so the same refund sent
   * again (a lost answer, a restart) answers the first refund and pays nothing more.
   */
  async refund(request: RefundRequest): Promise<ProviderRefund> {
    if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
      throw new RangeError('MobilePay: a refund is for a positive amount in øre');
    }
    if (request.reference.length > IDEMPOTENCY_KEY_MAX) {
      throw new RangeError(`MobilePay: the refund's reference is the Idempotency-Key, at most ${IDEMPOTENCY_KEY_MAX}`);
    }
    await this.send(
      'POST',
      `${paymentPath(request.refundTarget)}/refund`,
      mobilePayModificationResponseSchema,
      { modificationAmount: dkk(request.amount) },
      request.reference,
    );
    return {};
  }

  verifyWebhook(request: Omit<MobilePayWebhookRequest, 'secret'>): boolean {
    return verifyMobilePayWebhook({ ...request, secret: this.settings.webhookSecret });
  }

  private send<T>(
    method: 'GET' | 'POST',
    path: string,
    responseSchema: z.ZodType<T>,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
    return this.tokens.withToken((token) =>
      sendProviderRequest(
        'mobilepay',
        {
          method,
          url: providerUrl(this.settings.baseUrl, path),
          headers: {
            ...SYSTEM_HEADERS,
            authorization: `Bearer ${token}`,
            'Ocp-Apim-Subscription-Key': this.settings.subscriptionKey,
            'Merchant-Serial-Number': this.settings.merchantSerialNumber,
            ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
          },
          body,
          timeoutMs: this.timeoutMs,
          responseSchema,
        },
        this.fetchImpl,
      ),
    );
  }
}

function paymentPath(reference: PaymentReference): string {
  return `/epayment/v1/payments/${encodeURIComponent(reference)}`;
}

/**
 * One key per payment's capture, at most 50 characters: "capture-" and the reference when it
 * fits, otherwise "capture-" and a digest of it (the same reference always gives the same key).
 */
export function captureIdempotencyKey(reference: PaymentReference): string {
  const readable = `capture-${reference}`;
  if (readable.length <= IDEMPOTENCY_KEY_MAX) return readable;
  const digest = createHash('sha256').update(reference, 'utf8').digest('hex');
  return `capture-${digest.slice(0, IDEMPOTENCY_KEY_MAX - 'capture-'.length)}`;
}
