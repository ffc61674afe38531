import { ProviderRejectedError } from '../../gateway/payment-gateway';
import { captureIdempotencyKey, MobilePayProvider, type MobilePayProviderSettings } from './mobilepay-provider';

const SETTINGS: MobilePayProviderSettings = {
  baseUrl: 'https://apitest.vipps.no/',
  clientId: 'client-id-1',
  clientSecret: 'client-secret-1',
  subscriptionKey: 'subscription-key-1',
  merchantSerialNumber: '123456',
  webhookSecret: 'webhook-secret-1',
};

interface Call {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A stand-in for the API: tokens numbered in order, a chosen answer per payment call. */
function fakeMobilePay(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  let tokens = 0;
  const fetchImpl: typeof fetch = async (url, init) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      path: new URL(url instanceof Request ? url.url : url).pathname,
      headers: init?.headers as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    if (call.path === '/accesstoken/get') {
      tokens += 1;
      return Response.json({ token_type: 'Bearer', expires_in: '3600', access_token: `token-${tokens}` });
    }
    return answer(call);
  };
  return { calls, fetchImpl };
}

const PAYMENT = {
  reference: 'dep-0000000001',
  state: 'AUTHORIZED',
  amount: { currency: 'DKK', value: 15000 },
  aggregate: {
    authorizedAmount: { currency: 'DKK', value: 15000 },
    cancelledAmount: { currency: 'DKK', value: 0 },
    capturedAmount: { currency: 'DKK', value: 0 },
    refundedAmount: { currency: 'DKK', value: 0 },
  },
  pspReference: '1234567890123456789',
};

describe('MobilePayProvider', () => {
  it('gets a token with the documented headers and keeps it until shortly before it runs out', async () => {
    let now = 1_000_000;
    const api = fakeMobilePay(() => Response.json(PAYMENT));
    const provider = new MobilePayProvider(SETTINGS, { fetch: api.fetchImpl, now: () => now });

    await provider.readPayment('dep-0000000001');
    await provider.readPayment('dep-0000000001');
    now += 55 * 60_000;
    await provider.readPayment('dep-0000000001');
    now += 3 * 60_000; // within two minutes of the hour: renewed
    await provider.readPayment('dep-0000000001');

    const tokenCalls = api.calls.filter((call) => call.path === '/accesstoken/get');
    expect(tokenCalls).toHaveLength(2);
    expect(tokenCalls[0]).toMatchObject({
      method: 'POST',
      headers: {
        client_id: 'client-id-1',
        client_secret: 'client-secret-1',
        'Ocp-Apim-Subscription-Key': 'subscription-key-1',
        'Merchant-Serial-Number': '123456',
      },
    });
    const reads = api.calls.filter((call) => call.path !== '/accesstoken/get');
    expect(reads.map((call) => call.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(reads[0]).toMatchObject({
      method: 'GET',
      path: '/epayment/v1/payments/dep-0000000001',
      headers: { 'Ocp-Apim-Subscription-Key': 'subscription-key-1', 'Merchant-Serial-Number': '123456' },
    });
  });

  it('shares one token fetch between calls made at the same moment', async () => {
    const api = fakeMobilePay(() => Response.json(PAYMENT));
    const provider = new MobilePayProvider(SETTINGS, { fetch: api.fetchImpl });
    await Promise.all([provider.readPayment('dep-0000000001'), provider.readPayment('dep-0000000002')]);
    expect(api.calls.filter((call) => call.path === '/accesstoken/get')).toHaveLength(1);
  });

  it('fetches a new token once on a 401, and gives up on a second', async () => {
    let refusals = 1;
    const api = fakeMobilePay(() => (refusals-- > 0 ? new Response('', { status: 401 }) : Response.json(PAYMENT)));
    const provider = new MobilePayProvider(SETTINGS, { fetch: api.fetchImpl });
    await expect(provider.readPayment('dep-0000000001')).resolves.toEqual({
      status: 'authorized',
      authorizedAmount: 15000,
    });
    expect(api.calls.map((call) => `${call.path} ${call.headers.authorization ?? ''}`)).toEqual([
      '/accesstoken/get ',
      '/epayment/v1/payments/dep-0000000001 Bearer token-1',
      '/accesstoken/get ',
      '/epayment/v1/payments/dep-0000000001 Bearer token-2',
    ]);

    refusals = 2;
    await expect(provider.readPayment('dep-0000000001')).rejects.toBeInstanceOf(ProviderRejectedError);
    expect(api.calls.filter((call) => call.path === '/accesstoken/get')).toHaveLength(3);
  });

  it('creates a WEB_REDIRECT wallet payment in DKK with the reference as Idempotency-Key', async () => {
    const api = fakeMobilePay(
      () =>
        new Response(JSON.stringify({ reference: 'dep-0000000001', redirectUrl: 'https://landing.example/x' }), {
          status: 201,
        }),
    );
    const provider = new MobilePayProvider(SETTINGS, { fetch: api.fetchImpl });
    const created = await provider.createHostedPayment({
      reference: 'dep-0000000001',
      amount: 15000,
      description: 'Indbetaling på Gladsaxekortet',
      returnUrl: 'https://gladsaxekortet.example.dk/indbetal/retur',
      cancelUrl: 'https://gladsaxekortet.example.dk/indbetal/annulleret',
      termsUrl: 'https://gladsaxekortet.example.dk/vilkaar',
      storeCard: false,
      webhookUrl: 'https://gladsaxekortet.example.dk/webhooks/mobilepay',
    });
    expect(created).toEqual({ providerPaymentId: 'dep-0000000001', redirectUrl: 'https://landing.example/x' });
    const create = api.calls.find((call) => call.path === '/epayment/v1/payments');
    expect(create?.headers['Idempotency-Key']).toBe('dep-0000000001');
    expect(create?.body).toEqual({
      amount: { currency: 'DKK', value: 15000 },
      paymentMethod: { type: 'WALLET' },
      reference: 'dep-0000000001',
      returnUrl: 'https://gladsaxekortet.example.dk/indbetal/retur',
      userFlow: 'WEB_REDIRECT',
      paymentDescription: 'Indbetaling på Gladsaxekortet',
    });
  });

  it('captures with a key derived from the reference, the same every time', async () => {
    const captured = { ...PAYMENT, aggregate: { ...PAYMENT.aggregate, capturedAmount: PAYMENT.amount } };
    const api = fakeMobilePay(() => Response.json(captured));
    const provider = new MobilePayProvider(SETTINGS, { fetch: api.fetchImpl });
    await provider.capture('dep-0000000001', 15000);
    await provider.capture('dep-0000000001', 15000);
    const captures = api.calls.filter((call) => call.path.endsWith('/capture'));
    expect(captures.map((call) => call.headers['Idempotency-Key'])).toEqual([
      'capture-dep-0000000001',
      'capture-dep-0000000001',
    ]);
    expect(captures[0]).toMatchObject({
      path: '/epayment/v1/payments/dep-0000000001/capture',
      body: { modificationAmount: { currency: 'DKK', value: 15000 } },
    });
  });

  it('refuses what ePayment cannot do before calling it', async () => {
    const api = fakeMobilePay(() => Response.json({}));
    const provider = new MobilePayProvider(SETTINGS, { fetch: api.fetchImpl });
    const request = {
      reference: 'reg-0000000001',
      amount: 0,
      description: 'Kort',
      returnUrl: 'https://a.example/r',
      cancelUrl: 'https://a.example/c',
      termsUrl: 'https://a.example/t',
      storeCard: true,
      webhookUrl: 'https://a.example/w',
    };
    await expect(provider.createHostedPayment(request)).rejects.toThrow('cannot keep a card');
    await expect(provider.createHostedPayment({ ...request, storeCard: false })).rejects.toThrow('positive amount');
    expect(api.calls).toHaveLength(0);
  });

  it('refuses settings that cannot work, without echoing secrets', () => {
    expect(() => new MobilePayProvider({ ...SETTINGS, merchantSerialNumber: '12' })).toThrow('4–6 digits');
    expect(() => new MobilePayProvider({ ...SETTINGS, clientSecret: '' })).toThrow('clientSecret is not set');
    expect(() => new MobilePayProvider({ ...SETTINGS, baseUrl: 'apitest.vipps.no' })).toThrow('base URL');
  });
});

describe('captureIdempotencyKey', () => {
  it('is at most 50 characters and the same for the same reference', () => {
    const long = 'a'.repeat(50);
    expect(captureIdempotencyKey(long)).toHaveLength(50);
    expect(captureIdempotencyKey(long)).toBe(captureIdempotencyKey(long));
    expect(captureIdempotencyKey(long)).not.toBe(captureIdempotencyKey(`${'a'.repeat(49)}b`));
    expect(captureIdempotencyKey('dep-0000000001')).toBe('capture-dep-0000000001');
  });
});
