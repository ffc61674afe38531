import { createHash, createHmac } from 'node:crypto';
import { startGatewaySim, type MobilePayMerchant, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import { answerOnPhone, MobilePayTestClient } from './mobilepay-test-client';
import { WebhookReceiver, type ReceivedWebhook } from '@kk/testing';

const UNIT: MobilePayMerchant = {
  clientId: '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  clientSecret: 'hooks-secret-0011223344556677',
  subscriptionKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  merchantSerialNumber: '246810',
};
const EVENTS = ['epayments.payment.created.v1', 'epayments.payment.authorized.v1', 'epayments.payment.captured.v1'];

/** The documented scheme, computed here independently of the sim's code. */
function expectSignedWith(secret: string, hook: ReceivedWebhook): void {
  const contentHash = createHash('sha256').update(hook.body, 'utf8').digest('base64');
  expect(hook.headers['x-ms-content-sha256']).toBe(contentHash);
  const date = String(hook.headers['x-ms-date']);
  expect(new Date(date).toUTCString()).toBe(date);
  const toSign = `POST\n${hook.path}\n${date};${String(hook.headers.host)};${contentHash}`;
  const signature = createHmac('sha256', secret).update(toSign, 'utf8').digest('base64');
  expect(hook.headers.authorization).toBe(
    `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  );
}

describe('gateway-sim: Vipps MobilePay webhooks (e2e)', () => {
  const receiver = new WebhookReceiver();
  let sim: RunningGatewaySim;
  let mp: MobilePayTestClient;

  beforeAll(async () => {
    await receiver.start();
    sim = await startGatewaySim({
      port: 0,
      nexiMerchants: [],
      mobilePayMerchants: [UNIT],
      webhookRetryScheduleMs: [40, 80],
    });
    mp = new MobilePayTestClient(sim, UNIT);
  });

  afterAll(async () => {
    await sim?.stop();
    await receiver.stop();
  });

  beforeEach(async () => {
    sim.controls.reset();
    receiver.clear();
    await mp.authenticate();
  });

  async function register(url = receiver.url('/mobilepay/events?source=sim')): Promise<{ id: string; secret: string }> {
    const res = await mp.api<{ id: string; secret: string }>('POST', '/webhooks/v1/webhooks', {
      body: { url, events: EVENTS },
    });
    expect(res.status).toBe(201);
    return res.json;
  }

  it('registers, lists and deletes a webhook', async () => {
    const { id, secret } = await register();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(secret.length).toBeGreaterThan(20);
    const listed = await mp.api<{ webhooks: { id: string }[] }>('GET', '/webhooks/v1/webhooks');
    expect(listed.json.webhooks.map((hook) => hook.id)).toEqual([id]);
    expect((await mp.api('DELETE', `/webhooks/v1/webhooks/${id}`)).status).toBe(204);
    expect((await mp.api<{ webhooks: unknown[] }>('GET', '/webhooks/v1/webhooks')).json.webhooks).toEqual([]);
    expect((await mp.api('POST', '/webhooks/v1/webhooks', { body: { url: 'x', events: ['nope'] } })).status).toBe(400);
  });

  it('sends the payment’s events, each signed per the documented HMAC scheme', async () => {
    const { secret } = await register();
    const { reference, redirectUrl } = await mp.createPayment();
    await answerOnPhone(redirectUrl, 'approve');
    await mp.modify(reference, 'capture', 'cap-hook', 15000);
    await sim.controls.whenWebhooksIdle();
    expect(receiver.received.map((hook) => hook.json.name)).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED']);
    const psp = (await mp.retrieve(reference)).json.pspReference;
    for (const hook of receiver.received) {
      expect(hook.path).toBe('/mobilepay/events?source=sim');
      expectSignedWith(secret, hook);
      expect(Object.keys(hook.json).sort()).toEqual(
        ['amount', 'idempotencyKey', 'msn', 'name', 'pspReference', 'reference', 'success', 'timestamp'].sort(),
      );
      expect(hook.json).toMatchObject({ msn: UNIT.merchantSerialNumber, reference, pspReference: psp, success: true });
    }
    expect(receiver.received[2].json).toMatchObject({
      amount: { currency: 'DKK', value: 15000 },
      idempotencyKey: 'cap-hook',
    });
  });

  it('fails the check with another secret (the check can fail)', async () => {
    await register();
    await mp.createPayment();
    await sim.controls.whenWebhooksIdle();
    expect(receiver.received).toHaveLength(1);
    expect(() => expectSignedWith('not-the-secret', receiver.received[0])).toThrow();
  });

  it('retries 4xx/5xx and holds the payment’s later events until the earlier one is accepted', async () => {
    await register();
    receiver.respondWith((hook, index) => (hook.json.name === 'AUTHORIZED' && index === 1 ? 500 : 204));
    const { reference } = await mp.createPayment();
    expect((await mp.api('POST', `/epayment/v1/test/payments/${reference}/approve`, { body: {} })).status).toBe(200);
    await mp.modify(reference, 'capture', 'cap-order', 100);
    await sim.controls.whenWebhooksIdle();
    expect(receiver.received.map((hook) => [hook.json.name, hook.answered])).toEqual([
      ['CREATED', 204],
      ['AUTHORIZED', 500],
      ['AUTHORIZED', 204],
      ['CAPTURED', 204],
    ]);
  });
});
