import {
  DEMO_MOBILEPAY_PHONE_NUMBER,
  type MobilePayMerchant,
  type RunningGatewaySim,
} from '../../apps/gateway-sim/src/main';
import { answerOnPhone as pressOnPhone } from '@kk/testing';
import { asSimResponse, call, type SimResponse } from './nexi-test-client';

export const RETURN_URL = 'https://portal.example/mobilepay/retur?order=42';

export interface Aggregate {
  readonly authorizedAmount: { readonly value: number };
  readonly capturedAmount: { readonly value: number };
  readonly refundedAmount: { readonly value: number };
  readonly cancelledAmount: { readonly value: number };
}

export interface EPaymentJson {
  readonly reference: string;
  readonly state: string;
  readonly pspReference: string;
  readonly amount: { readonly currency: string; readonly value: number };
  readonly aggregate: Aggregate;
}

export interface ApiOptions {
  readonly body?: unknown;
  /** The Idempotency-Key header. */
  readonly key?: string;
  /** Headers that replace the sales unit's own. */
  readonly headers?: Record<string, string>;
}

let referenceCounter = 0;

export function newReference(): string {
  referenceCounter += 1;
  return `kk-topup-${Date.now()}-${referenceCounter}`;
}

/** `POST /accesstoken/get` with a sales unit's API keys, some replaced by `override`. */
export function requestAccessToken(
  sim: RunningGatewaySim,
  unit: MobilePayMerchant,
  override: Record<string, string> = {},
): Promise<SimResponse<Record<string, string>>> {
  return call<Record<string, string>>(`${sim.url}/accesstoken/get`, {
    method: 'POST',
    headers: {
      client_id: unit.clientId,
      client_secret: unit.clientSecret,
      'Ocp-Apim-Subscription-Key': unit.subscriptionKey,
      'Merchant-Serial-Number': unit.merchantSerialNumber,
      ...override,
    },
  });
}

export function paymentBody(reference: string, value = 15000) {
  return {
    amount: { currency: 'DKK', value },
    paymentMethod: { type: 'WALLET' },
    customer: { phoneNumber: DEMO_MOBILEPAY_PHONE_NUMBER },
    reference,
    returnUrl: RETURN_URL,
    userFlow: 'WEB_REDIRECT',
    paymentDescription: 'Indbetaling på kantinekort',
  };
}

/** A sales unit's calls to the sim's ePayment and Webhooks APIs, as an adapter makes them. */
export class MobilePayTestClient {
  private token = '';

  constructor(
    private readonly sim: RunningGatewaySim,
    readonly unit: MobilePayMerchant,
  ) {}

  async authenticate(): Promise<void> {
    const res = await requestAccessToken(this.sim, this.unit);
    if (res.status !== 200) throw new Error(`access token: ${res.status} ${res.text}`);
    this.token = res.json.access_token;
  }

  api<T = unknown>(method: string, path: string, options: ApiOptions = {}): Promise<SimResponse<T>> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      'Ocp-Apim-Subscription-Key': this.unit.subscriptionKey,
      'Merchant-Serial-Number': this.unit.merchantSerialNumber,
      'content-type': 'application/json',
      ...(options.key === undefined ? {} : { 'Idempotency-Key': options.key }),
      ...options.headers,
    };
    const body = options.body === undefined ? {} : { body: JSON.stringify(options.body) };
    return call<T>(`${this.sim.url}${path}`, { method, headers, ...body });
  }

  async createPayment(reference = newReference(), value = 15000): Promise<{ reference: string; redirectUrl: string }> {
    const res = await this.api<{ reference: string; redirectUrl: string }>('POST', '/epayment/v1/payments', {
      key: `create-${reference}`,
      body: paymentBody(reference, value),
    });
    if (res.status !== 201) throw new Error(`create payment: ${res.status} ${res.text}`);
    return res.json;
  }

  retrieve(reference: string): Promise<SimResponse<EPaymentJson>> {
    return this.api<EPaymentJson>('GET', `/epayment/v1/payments/${reference}`);
  }

  modify<T = unknown>(reference: string, operation: 'capture' | 'refund', key: string, value: number) {
    return this.api<T>('POST', `/epayment/v1/payments/${reference}/${operation}`, {
      key,
      body: { modificationAmount: { currency: 'DKK', value } },
    });
  }
}

/** "The phone": opens the redirect URL and presses Godkend or Afvis, as a browser posts the form. */
export async function answerOnPhone(redirectUrl: string, decision: 'approve' | 'reject'): Promise<SimResponse> {
  return asSimResponse(await pressOnPhone(redirectUrl, decision));
}
