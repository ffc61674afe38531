import { payOnHostedPage as payWithCard, type FormSubmission, type TestCardInput } from '@kk/testing';
import type { RunningGatewaySim } from '../../apps/gateway-sim/src/main';

export interface TestNexiMerchant {
  readonly merchantId: number;
  readonly secretKey: string;
}

/** The answer to a request, its body read once as text (and as JSON when it is JSON). */
export interface SimResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, typed as the caller expects it (undefined when not JSON). */
  readonly json: T;
}

/** The parts of Nexi's `GET /v1/payments/{id}` answer the tests read. */
export interface PaymentView {
  readonly payment: {
    readonly paymentId: string;
    readonly summary: Partial<
      Record<'reservedAmount' | 'chargedAmount' | 'refundedAmount' | 'cancelledAmount', number>
    >;
    readonly orderDetails: { readonly amount: number; readonly currency: string; readonly reference: string };
    readonly paymentDetails: {
      readonly paymentType?: string;
      readonly paymentMethod?: string;
      readonly cardDetails?: { readonly maskedPan: string; readonly expiryDate: string };
    };
    readonly checkout?: { readonly url: string; readonly cancelUrl?: string };
    readonly unscheduledSubscription?: { readonly unscheduledSubscriptionId: string };
    readonly charges?: readonly { readonly chargeId: string; readonly amount: number; readonly created: string }[];
    readonly refunds?: readonly { readonly refundId: string; readonly amount: number; readonly state: string }[];
    readonly created: string;
    readonly terminated?: string;
  };
}

export async function call<T = unknown>(url: string, init: RequestInit = {}): Promise<SimResponse<T>> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: pages and empty bodies
  }
  return { status: res.status, headers: res.headers, text, json: json as T };
}

/** A Nexi Payment API call with the merchant's secret key as the Authorization header. */
export function nexi<T = unknown>(
  sim: RunningGatewaySim,
  secretKey: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<SimResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secretKey !== undefined) headers.authorization = secretKey;
  return call<T>(`${sim.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export function orderOf(amount: number, reference = `order-${Math.random().toString(36).slice(2)}`) {
  return {
    items: [
      {
        reference: 'indbetaling',
        name: 'Indbetaling på kantinekort',
        quantity: 1,
        unit: 'stk',
        unitPrice: amount,
        grossTotalAmount: amount,
        netTotalAmount: amount,
      },
    ],
    amount,
    currency: 'DKK',
    reference,
  };
}

export interface PaymentOptions {
  readonly amount?: number;
  readonly charge?: boolean;
  readonly unscheduled?: boolean;
  readonly webHooks?: readonly { eventName: string; url: string; authorization?: string }[];
  readonly returnUrl?: string;
}

export function createPaymentBody(options: PaymentOptions = {}) {
  return {
    order: orderOf(options.amount ?? 12500),
    checkout: {
      integrationType: 'HostedPaymentPage',
      returnUrl: options.returnUrl ?? 'https://portal.example/indbetaling/retur?konto=1',
      cancelUrl: 'https://portal.example/indbetaling/annulleret',
      termsUrl: 'https://portal.example/vilkaar',
      charge: options.charge ?? true,
    },
    ...(options.webHooks ? { notifications: { webHooks: options.webHooks } } : {}),
    ...(options.unscheduled ? { unscheduledSubscription: { create: true } } : {}),
  };
}

export async function createPayment(
  sim: RunningGatewaySim,
  merchant: TestNexiMerchant,
  options: PaymentOptions = {},
): Promise<{ paymentId: string; hostedPaymentPageUrl: string }> {
  const res = await nexi<{ paymentId: string; hostedPaymentPageUrl: string }>(
    sim,
    merchant.secretKey,
    'POST',
    '/v1/payments',
    createPaymentBody(options),
  );
  if (res.status !== 201) throw new Error(`create payment: ${res.status} ${res.text}`);
  return res.json;
}

export type CardInput = TestCardInput;

/** A provider page's answer in this client's shape (the submitting itself is @kk/testing's). */
export function asSimResponse(submitted: FormSubmission): SimResponse {
  const headers = new Headers(submitted.location === undefined ? {} : { location: submitted.location });
  return { status: submitted.status, headers, text: submitted.html, json: undefined };
}

/** Opens the hosted payment page and posts the card form urlencoded, as a browser does. */
export async function payOnHostedPage(hostedPaymentPageUrl: string, card: CardInput): Promise<SimResponse> {
  return asSimResponse(await payWithCard(hostedPaymentPageUrl, card));
}
