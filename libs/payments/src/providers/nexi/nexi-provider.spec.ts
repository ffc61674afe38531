import { NexiProvider, type NexiProviderSettings } from './nexi-provider';

const SETTINGS: NexiProviderSettings = {
  baseUrl: 'https://test.api.dibspayment.eu',
  secretKey: 'test-secret-key-0123456789abcdef0123456789abcdef',
  webhookAuthorization: 'Gladsaxe8webhook2025',
  chargePoll: { attempts: 3, intervalMs: 1 },
};

interface Call {
  readonly method: string;
  readonly pathAndQuery: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

function fakeNexi(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchImpl: typeof fetch = async (url, init) => {
    const parsed = new URL(url instanceof Request ? url.url : url);
    const call: Call = {
      method: init?.method ?? 'GET',
      pathAndQuery: parsed.pathname + parsed.search,
      headers: init?.headers as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return answer(call);
  };
  return { calls, fetchImpl };
}

const HOSTED_REQUEST = {
  reference: 'dep-0000000001',
  amount: 15000,
  description: 'Indbetaling på Gladsaxekortet',
  returnUrl: 'https://gladsaxekortet.example.dk/indbetal/retur',
  cancelUrl: 'https://gladsaxekortet.example.dk/indbetal/annulleret',
  termsUrl: 'https://gladsaxekortet.example.dk/vilkaar',
  storeCard: true,
  webhookUrl: 'https://gladsaxekortet.example.dk/webhooks/nexi',
};

describe('NexiProvider', () => {
  it('creates a hosted, auto-charged payment with the key as it is and our webhooks', async () => {
    const api = fakeNexi(
      () =>
        new Response(JSON.stringify({ paymentId: 'p1', hostedPaymentPageUrl: 'https://checkout.example/p1' }), {
          status: 201,
        }),
    );
    const provider = new NexiProvider(SETTINGS, { fetch: api.fetchImpl });
    await expect(provider.createHostedPayment(HOSTED_REQUEST)).resolves.toEqual({
      providerPaymentId: 'p1',
      redirectUrl: 'https://checkout.example/p1',
    });
    const [call] = api.calls;
    expect(call).toMatchObject({ method: 'POST', pathAndQuery: '/v1/payments' });
    expect(call?.headers.authorization).toBe(SETTINGS.secretKey);
    expect(call?.body).toMatchObject({
      order: {
        amount: 15000,
        currency: 'DKK',
        reference: 'dep-0000000001',
        items: [{ quantity: 1, unitPrice: 15000, grossTotalAmount: 15000, netTotalAmount: 15000, taxAmount: 0 }],
      },
      checkout: {
        integrationType: 'HostedPaymentPage',
        returnUrl: HOSTED_REQUEST.returnUrl,
        cancelUrl: HOSTED_REQUEST.cancelUrl,
        termsUrl: HOSTED_REQUEST.termsUrl,
        charge: true,
      },
      unscheduledSubscription: { create: true },
    });
    const hooks = (call?.body as { notifications: { webHooks: { eventName: string; url: string }[] } }).notifications
      .webHooks;
    expect(hooks.map((hook) => hook.eventName)).toEqual(
      expect.arrayContaining(['payment.checkout.completed', 'payment.charge.created.v2', 'payment.charge.failed']),
    );
    expect(hooks.every((hook) => hook.url === HOSTED_REQUEST.webhookUrl)).toBe(true);
    expect(hooks.every((hook) => JSON.stringify(hook).includes(SETTINGS.webhookAuthorization))).toBe(true);
  });

  it('asks for no stored card unless told to, and takes 0 only for a registration', async () => {
    const api = fakeNexi(() => Response.json({ paymentId: 'p1', hostedPaymentPageUrl: 'https://c.example/p1' }));
    const provider = new NexiProvider(SETTINGS, { fetch: api.fetchImpl });
    await provider.createHostedPayment({ ...HOSTED_REQUEST, storeCard: false });
    expect(api.calls[0]?.body).not.toHaveProperty('unscheduledSubscription');
    await expect(provider.createHostedPayment({ ...HOSTED_REQUEST, amount: 0, storeCard: false })).rejects.toThrow(
      RangeError,
    );
    expect(api.calls).toHaveLength(1);
  });

  it('charges a stored card by bulk with our reference, then reads the bulk until it is decided', async () => {
    const states = ['Pending', 'Succeeded'];
    const api = fakeNexi((call) =>
      call.method === 'POST'
        ? new Response(JSON.stringify({ bulkId: 'bulk-1' }), { status: 202 })
        : Response.json({
            page: [{ unscheduledSubscriptionId: 'sub-1', paymentId: 'p2', chargeId: 'c2', status: states.shift() }],
            more: false,
            status: 'Done',
          }),
    );
    const provider = new NexiProvider(SETTINGS, { fetch: api.fetchImpl });
    const state = await provider.charge({
      storedCardId: 'sub-1',
      amount: 20000,
      reference: 'top-0000000001',
      description: 'Automatisk optankning',
      webhookUrl: 'https://gladsaxekortet.example.dk/webhooks/nexi',
    });
    expect(state).toEqual({ status: 'succeeded', providerPaymentId: 'p2', chargeId: 'c2', amount: 20000 });
    expect(api.calls.map((call) => `${call.method} ${call.pathAndQuery}`)).toEqual([
      'POST /v1/unscheduledsubscriptions/charges',
      'GET /v1/unscheduledsubscriptions/charges/bulk-1?skip=0&take=10',
      'GET /v1/unscheduledsubscriptions/charges/bulk-1?skip=0&take=10',
    ]);
    expect(api.calls[0]?.body).toMatchObject({
      externalBulkChargeId: 'top-0000000001',
      unscheduledSubscriptions: [
        { unscheduledSubscriptionId: 'sub-1', order: { amount: 20000, currency: 'DKK', reference: 'top-0000000001' } },
      ],
    });
  });

  it('answers pending after a bounded number of looks', async () => {
    const api = fakeNexi((call) =>
      call.method === 'POST'
        ? Response.json({ bulkId: 'bulk-1' })
        : Response.json({ page: [{ status: 'Pending' }], status: 'Processing' }),
    );
    const provider = new NexiProvider(SETTINGS, { fetch: api.fetchImpl });
    await expect(
      provider.charge({
        storedCardId: 'sub-1',
        amount: 20000,
        reference: 'top-0000000001',
        description: 'Automatisk optankning',
        webhookUrl: 'https://a.example/w',
      }),
    ).resolves.toEqual({ status: 'pending' });
    expect(api.calls.filter((call) => call.method === 'GET')).toHaveLength(3);
  });

  it('refuses a webhook authorization Nexi would not take, without echoing it', () => {
    for (const webhookAuthorization of ['short', 'has-dashes-in-it', 'x'.repeat(33)]) {
      expect(() => new NexiProvider({ ...SETTINGS, webhookAuthorization })).toThrow(/^Nexi: the webhook authorization/);
    }
  });

  it('verifies webhooks against its own authorization', () => {
    const provider = new NexiProvider(SETTINGS);
    expect(provider.verifyWebhook('Gladsaxe8webhook2025')).toBe(true);
    expect(provider.verifyWebhook('Sctibs8webhook2025xx')).toBe(false);
  });
});
