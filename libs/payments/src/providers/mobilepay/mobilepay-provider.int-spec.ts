import { randomBytes } from 'node:crypto';
import { startGatewaySim, type RunningGatewaySim } from '../../../../../apps/gateway-sim/src/gateway-sim';
import { ProviderRejectedError } from '../../gateway/payment-gateway';
import { submitHostedPage, WebhookReceiver } from '@kk/testing';
import { MobilePayProvider, type MobilePayProviderSettings } from './mobilepay-provider';
import { parseMobilePayWebhook, verifyMobilePayWebhook } from './mobilepay-webhook';

// The adapter against the gateway stand-in over real HTTP: the payer answers on the sim's
// landing page ("the phone"), and the sim's own ledger says how often money moved.

const MERCHANT = {
  clientId: 'kantinekort-int-spec',
  clientSecret: 'client-secret-for-the-int-spec',
  subscriptionKey: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  merchantSerialNumber: '765432',
};

let simNow = Date.now();
let sim: RunningGatewaySim;
let receiver: WebhookReceiver;
let hookUrl: string;
let settings: MobilePayProviderSettings;
let mobilePay: MobilePayProvider;

function reference(): string {
  return `dep-${randomBytes(8).toString('hex')}`;
}

function hostedRequest(paymentReference = reference(), amount = 15000) {
  return {
    reference: paymentReference,
    amount,
    description: 'Indbetaling på Gladsaxekortet',
    returnUrl: `https://gladsaxekortet.example.dk/indbetal/retur?ref=${paymentReference}`,
    cancelUrl: 'https://gladsaxekortet.example.dk/indbetal/annulleret',
    termsUrl: 'https://gladsaxekortet.example.dk/vilkaar',
    storeCard: false,
    webhookUrl: 'https://gladsaxekortet.example.dk/webhooks/mobilepay',
  };
}

async function capturesOf(paymentReference: string) {
  const response = await fetch(`${sim.url}/_sim/ledger`);
  const ledger = (await response.json()) as { charges: { provider: string; payment: string; amount: number }[] };
  return ledger.charges.filter((charge) => charge.provider === 'mobilepay' && charge.payment === paymentReference);
}

/** Registers a webhook as an operator would once per sales unit (the adapter does not). */
async function registerWebhook(url: string, events: readonly string[]): Promise<string> {
  const headers = {
    'Ocp-Apim-Subscription-Key': MERCHANT.subscriptionKey,
    'Merchant-Serial-Number': MERCHANT.merchantSerialNumber,
  };
  const token = await fetch(`${sim.url}/accesstoken/get`, {
    method: 'POST',
    headers: { ...headers, client_id: MERCHANT.clientId, client_secret: MERCHANT.clientSecret },
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const registered = await fetch(`${sim.url}/webhooks/v1/webhooks`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url, events }),
  });
  expect(registered.status).toBe(201);
  return ((await registered.json()) as { secret: string }).secret;
}

beforeAll(async () => {
  sim = await startGatewaySim({
    port: 0,
    mobilePayMerchants: [MERCHANT],
    clock: { now: () => new Date(simNow) },
  });
  receiver = await new WebhookReceiver().start();
  hookUrl = receiver.url('/webhooks/mobilepay/gladsaxe?tenant=gladsaxe');
  settings = { baseUrl: sim.url, ...MERCHANT, webhookSecret: 'set-per-test' };
  mobilePay = new MobilePayProvider(settings);
});

afterAll(async () => {
  await sim.stop();
  await receiver.stop();
});

beforeEach(() => {
  simNow = Date.now();
});

describe('MobilePayProvider against the gateway sim', () => {
  it('creates a payment idempotently, the payer approves it, and it is captured once', async () => {
    const request = hostedRequest();
    const created = await mobilePay.createHostedPayment(request);
    expect(created.providerPaymentId).toBe(request.reference);
    await expect(mobilePay.createHostedPayment(request)).resolves.toEqual(created);
    await expect(mobilePay.readPayment(request.reference)).resolves.toEqual({ status: 'pending' });

    const approved = await submitHostedPage(created.redirectUrl, { decision: 'approve' });
    expect(approved).toMatchObject({ status: 303, location: request.returnUrl });
    await expect(mobilePay.readPayment(request.reference)).resolves.toEqual({
      status: 'authorized',
      authorizedAmount: 15000,
    });

    await mobilePay.capture(request.reference, 15000);
    await expect(mobilePay.readPayment(request.reference)).resolves.toEqual({
      status: 'completed',
      chargedAmount: 15000,
    });
    // A repeated capture (a retried job) answers the first one and captures nothing more.
    await mobilePay.capture(request.reference, 15000);
    expect((await capturesOf(request.reference)).map((capture) => capture.amount)).toEqual([15000]);
  });

  it('reads a rejected payment as cancelled and an expired one as failed', async () => {
    const rejected = await mobilePay.createHostedPayment(hostedRequest());
    expect((await submitHostedPage(rejected.redirectUrl, { decision: 'reject' })).status).toBe(303);
    await expect(mobilePay.readPayment(rejected.providerPaymentId)).resolves.toMatchObject({ status: 'cancelled' });
    await expect(mobilePay.capture(rejected.providerPaymentId, 15000)).rejects.toBeInstanceOf(ProviderRejectedError);

    const ignored = await mobilePay.createHostedPayment(hostedRequest());
    const expire = await fetch(
      `${sim.url}/_sim/mobilepay/${MERCHANT.merchantSerialNumber}/payments/${ignored.providerPaymentId}/expire`,
      { method: 'POST' },
    );
    expect(expire.status).toBe(200);
    await expect(mobilePay.readPayment(ignored.providerPaymentId)).resolves.toMatchObject({ status: 'failed' });
    expect(await capturesOf(rejected.providerPaymentId)).toEqual([]);
  });

  it('refuses the same reference for another payment', async () => {
    const request = hostedRequest();
    await mobilePay.createHostedPayment(request);
    const other = await mobilePay
      .createHostedPayment({ ...request, amount: request.amount + 100 })
      .catch((error: unknown) => error);
    expect(other).toBeInstanceOf(ProviderRejectedError);
    expect(other).toMatchObject({ provider: 'mobilepay', status: 409 });
  });

  it('gets a new access token when the provider no longer takes the one it has', async () => {
    const request = hostedRequest();
    await mobilePay.createHostedPayment(request);
    // Two hours on at the provider: the cached token (valid 1 h there) is refused with 401.
    simNow += 2 * 3_600_000;
    await expect(mobilePay.readPayment(request.reference)).resolves.toMatchObject({ status: 'failed' });
  });

  it('receives signed webhooks that verify against the registration secret and parse', async () => {
    const secret = await registerWebhook(hookUrl, [
      'epayments.payment.created.v1',
      'epayments.payment.authorized.v1',
      'epayments.payment.captured.v1',
    ]);
    const withSecret = new MobilePayProvider({ ...settings, webhookSecret: secret });
    const request = hostedRequest();
    const created = await withSecret.createHostedPayment(request);
    await submitHostedPage(created.redirectUrl, { decision: 'approve' });
    await withSecret.capture(request.reference, request.amount);
    await sim.controls.whenWebhooksIdle();

    const registeredUrl = new URL(hookUrl);
    const webhooks = receiver.received.filter((webhook) => webhook.rawBody.includes(request.reference));
    const names = webhooks.map((webhook) => {
      const signed = {
        method: webhook.method,
        pathAndQuery: webhook.path,
        host: registeredUrl.host,
        headers: webhook.headers,
        rawBody: webhook.rawBody,
        now: simNow,
      };
      expect(webhook.path).toBe(registeredUrl.pathname + registeredUrl.search);
      expect(verifyMobilePayWebhook({ ...signed, secret })).toBe(true);
      expect(withSecret.verifyWebhook(signed)).toBe(true);
      expect(verifyMobilePayWebhook({ ...signed, secret: `${secret.slice(1)}A` })).toBe(false);
      const tampered = webhook.rawBody.toString().replace('15000', '1500');
      expect(tampered).not.toBe(webhook.rawBody.toString());
      expect(verifyMobilePayWebhook({ ...signed, secret, rawBody: tampered })).toBe(false);
      const parsed = parseMobilePayWebhook(webhook.rawBody);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parsed.event).toMatchObject({
        merchantSerialNumber: MERCHANT.merchantSerialNumber,
        reference: request.reference,
        amount: { currency: 'DKK', value: 15000 },
        success: true,
      });
      return parsed.event.name;
    });
    expect(names).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
  });
});
