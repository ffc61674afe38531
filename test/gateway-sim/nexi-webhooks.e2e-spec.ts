import { startGatewaySim, TEST_CARDS, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import {
  call,
  createPayment,
  nexi,
  orderOf,
  payOnHostedPage,
  type PaymentView,
  type TestNexiMerchant,
} from './nexi-test-client';
import { WebhookReceiver } from '@kk/testing';

const SHOP: TestNexiMerchant = { merchantId: 100030001, secretKey: 'test-secret-key-cafebabecafebabecafebabecafebabe' };
const HOOK_AUTHORIZATION = 'Kantinekort2024Hook';
const CHECKOUT_EVENTS = [
  'payment.created',
  'payment.checkout.completed',
  'payment.reservation.created.v2',
  'payment.charge.created.v2',
] as const;
const RETRY_SCHEDULE_MS = [40, 80, 120];

describe('gateway-sim: Nexi webhooks (e2e)', () => {
  const receiver = new WebhookReceiver();
  let sim: RunningGatewaySim;

  beforeAll(async () => {
    await receiver.start();
    sim = await startGatewaySim({
      port: 0,
      nexiMerchants: [SHOP],
      mobilePayMerchants: [],
      webhookRetryScheduleMs: RETRY_SCHEDULE_MS,
    });
  });

  afterAll(async () => {
    await sim?.stop();
    await receiver.stop();
  });

  beforeEach(() => {
    sim.controls.reset();
    receiver.clear();
  });

  const hooks = (events: readonly string[] = CHECKOUT_EVENTS, url = receiver.url('/nexi')) =>
    events.map((eventName) => ({ eventName, url, authorization: HOOK_AUTHORIZATION }));

  async function paidCheckout(events: readonly string[] = CHECKOUT_EVENTS): Promise<string> {
    const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, SHOP, {
      amount: 12500,
      webHooks: hooks(events),
    });
    expect((await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: TEST_CARDS.visa.number })).status).toBe(303);
    return paymentId;
  }

  const putMode = (mode: Record<string, unknown>) =>
    call(`${sim.url}/_sim/webhooks/mode`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(mode),
    });

  it('sends each registered event with the registered Authorization header and Nexi’s envelope', async () => {
    const paymentId = await paidCheckout();
    await sim.controls.whenWebhooksIdle();
    expect(receiver.received.map((hook) => hook.json.event)).toEqual(CHECKOUT_EVENTS);
    for (const hook of receiver.received) {
      expect(hook.path).toBe('/nexi');
      expect(hook.headers.authorization).toBe(HOOK_AUTHORIZATION);
      expect(hook.headers['content-type']).toBe('application/json');
      expect(hook.json.id).toMatch(/^[0-9a-f]{32}$/);
      expect(hook.json.timestamp).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00$/));
      expect((hook.json.data as { paymentId: string }).paymentId).toBe(paymentId);
    }
    const [created, completed, reserved, charged] = receiver.received.map((hook) => hook.json);
    expect(created.merchantId).toBe(SHOP.merchantId);
    expect(completed.merchantId).toBe(SHOP.merchantId);
    // The .v2 events name the merchant merchantNumber, as Nexi's do.
    expect(reserved.merchantNumber).toBe(SHOP.merchantId);
    expect(created.data).toMatchObject({
      order: { amount: { amount: 12500, currency: 'DKK' }, orderItems: expect.any(Array) },
    });
    expect(reserved.data).toMatchObject({
      paymentMethod: 'Visa',
      paymentType: 'CARD',
      amount: { amount: 12500, currency: 'DKK' },
    });
    const view = await nexi<PaymentView>(sim, SHOP.secretKey, 'GET', `/v1/payments/${paymentId}`);
    expect(charged.data).toMatchObject({
      chargeId: view.json.payment.charges?.[0].chargeId,
      amount: { amount: 12500, currency: 'DKK' },
    });
    expect(new Set(receiver.received.map((hook) => hook.json.id)).size).toBe(4);
  });

  it('retries any answer but 200 on the schedule, with the same event id; 204 and 201 count as failures', async () => {
    const answers = [500, 204, 201, 200];
    receiver.respondWith((_hook, index) => answers[index] ?? 200);
    const { paymentId } = await createPayment(sim, SHOP, { webHooks: hooks(['payment.created']) });
    await sim.controls.whenWebhooksIdle();
    expect(receiver.received.map((hook) => hook.answered)).toEqual(answers);
    expect(new Set(receiver.received.map((hook) => hook.json.id)).size).toBe(1);
    const attempts = sim.controls.webhookAttempts().filter((a) => a.orderingKey === paymentId);
    expect(attempts.map((a) => [a.attempt, a.status, a.acknowledged, a.retryInMs])).toEqual([
      [1, 500, false, 40],
      [2, 204, false, 80],
      [3, 201, false, 120],
      [4, 200, true, undefined],
    ]);
  });

  it('retries network errors and gives up when the schedule is spent', async () => {
    const closed = new WebhookReceiver();
    await closed.start();
    const deadUrl = closed.url('/gone');
    await closed.stop();
    await createPayment(sim, SHOP, { webHooks: hooks(['payment.created'], deadUrl) });
    await sim.controls.whenWebhooksIdle();
    const attempts = sim.controls.webhookAttempts();
    expect(attempts).toHaveLength(1 + RETRY_SCHEDULE_MS.length);
    expect(attempts.every((a) => !a.acknowledged && a.status === undefined && typeof a.error === 'string')).toBe(true);
    expect(attempts[attempts.length - 1].retryInMs).toBeUndefined();
  });

  it('does not hold a payment’s later events behind a failing one (Nexi retries each on its own)', async () => {
    // payment.created fails until checkout.completed has come: only a sender that does not
    // wait for an acknowledgement gets it acknowledged (a waiting one would give up on it).
    receiver.respondWith((hook) =>
      hook.json.event === 'payment.created' && receiver.events('payment.checkout.completed').length === 0 ? 500 : 200,
    );
    await paidCheckout(['payment.created', 'payment.checkout.completed']);
    await sim.controls.whenWebhooksIdle();
    const created = receiver.events('payment.created');
    expect(created[0].answered).toBe(500);
    expect(created[created.length - 1].answered).toBe(200);
    expect(receiver.events('payment.checkout.completed').map((hook) => hook.answered)).toEqual([200]);
  });

  it('sends refund, cancel and stored-card charge events to their hooks', async () => {
    const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, SHOP, {
      amount: 0,
      unscheduled: true,
      webHooks: hooks(['payment.checkout.completed']),
    });
    await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: TEST_CARDS.visa.number });
    const view = await nexi<PaymentView>(sim, SHOP.secretKey, 'GET', `/v1/payments/${paymentId}`);
    const subscriptionId = view.json.payment.unscheduledSubscription?.unscheduledSubscriptionId ?? '';
    const notifications = {
      webHooks: hooks(['payment.charge.created.v2', 'payment.charge.failed', 'payment.refund.completed']),
    };

    const charged = await nexi<{ paymentId: string; chargeId: string }>(
      sim,
      SHOP.secretKey,
      'POST',
      `/v1/unscheduledsubscriptions/${subscriptionId}/charges`,
      {
        order: orderOf(3000),
        notifications,
      },
    );
    sim.controls.setStoredCardState(subscriptionId, 'no_funds');
    await nexi(sim, SHOP.secretKey, 'POST', '/v1/unscheduledsubscriptions/charges', {
      externalBulkChargeId: 'bulk-with-hooks',
      notifications,
      unscheduledSubscriptions: [{ unscheduledSubscriptionId: subscriptionId, order: orderOf(4000) }],
    });
    await sim.controls.whenWebhooksIdle();
    expect(receiver.events('payment.charge.created.v2').map((hook) => hook.json.data)).toEqual([
      expect.objectContaining({
        paymentId: charged.json.paymentId,
        chargeId: charged.json.chargeId,
        amount: { amount: 3000, currency: 'DKK' },
      }),
    ]);
    expect(receiver.events('payment.charge.failed').map((hook) => hook.json.data)).toEqual([
      expect.objectContaining({
        error: { code: '51', message: 'Insufficient funds', source: 'Issuer' },
        amount: { amount: 4000, currency: 'DKK' },
      }),
    ]);

    // The charge payment carries the charge request's hooks: its refund is reported there too.
    await nexi(sim, SHOP.secretKey, 'POST', `/v1/charges/${charged.json.chargeId}/refunds`, { amount: 1000 });
    const reserved = await createPayment(sim, SHOP, {
      amount: 5000,
      charge: false,
      webHooks: hooks(['payment.cancel.created']),
    });
    await payOnHostedPage(reserved.hostedPaymentPageUrl, { cardNumber: TEST_CARDS.mastercard.number });
    await nexi(sim, SHOP.secretKey, 'POST', `/v1/payments/${reserved.paymentId}/cancels`, { amount: 5000 });
    await sim.controls.whenWebhooksIdle();
    expect(receiver.events('payment.refund.completed').map((hook) => hook.json.data)).toEqual([
      expect.objectContaining({ paymentId: charged.json.paymentId, amount: { amount: 1000, currency: 'DKK' } }),
    ]);
    expect(receiver.events('payment.cancel.created').map((hook) => hook.json.data)).toEqual([
      expect.objectContaining({ paymentId: reserved.paymentId, amount: { amount: 5000, currency: 'DKK' } }),
    ]);
  });

  describe('test controls', () => {
    it('duplicates each event N times', async () => {
      expect((await putMode({ duplicates: 2 })).status).toBe(200);
      await paidCheckout(['payment.created', 'payment.checkout.completed']);
      await sim.controls.whenWebhooksIdle();
      expect(receiver.received.map((hook) => hook.json.event)).toEqual([
        'payment.created',
        'payment.created',
        'payment.created',
        'payment.checkout.completed',
        'payment.checkout.completed',
        'payment.checkout.completed',
      ]);
      expect(new Set(receiver.events('payment.created').map((hook) => hook.json.id)).size).toBe(1);
    });

    it('delays each event by N ms', async () => {
      await putMode({ delayMs: 300 });
      const started = Date.now();
      await createPayment(sim, SHOP, { webHooks: hooks(['payment.created']) });
      await receiver.waitFor((received) => received.length === 1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('reverses a payment’s events', async () => {
      await putMode({ reorder: 'reverse', reorderWindowMs: 1500 });
      await paidCheckout();
      await sim.controls.whenWebhooksIdle();
      expect(receiver.received.map((hook) => hook.json.event)).toEqual([...CHECKOUT_EVENTS].reverse());
    });

    it('shuffles a payment’s events out of their order', async () => {
      await putMode({ reorder: 'shuffle', reorderWindowMs: 1500 });
      await paidCheckout();
      await sim.controls.whenWebhooksIdle();
      const order = receiver.received.map((hook) => String(hook.json.event));
      expect([...order].sort()).toEqual([...CHECKOUT_EVENTS].sort());
      expect(order).not.toEqual(CHECKOUT_EVENTS);
    });

    it('queues events while stopped and sends them, in order, on resume', async () => {
      const stopped = await call<{ stopped: boolean }>(`${sim.url}/_sim/webhooks/stop`, { method: 'POST' });
      expect(stopped.json.stopped).toBe(true);
      await paidCheckout();
      await sim.controls.whenWebhooksIdle();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(receiver.received).toEqual([]);
      expect((await call<{ held: number }>(`${sim.url}/_sim/webhooks`)).json.held).toBe(4);

      const resumed = await call<{ stopped: boolean; held: number }>(`${sim.url}/_sim/webhooks/resume`, {
        method: 'POST',
      });
      expect(resumed.json).toMatchObject({ stopped: false, held: 0 });
      await call(`${sim.url}/_sim/webhooks/idle`, { method: 'POST' });
      expect(receiver.received.map((hook) => hook.json.event)).toEqual(CHECKOUT_EVENTS);
    });

    it('parks a retry that falls due while stopped until resume', async () => {
      receiver.respondWith((_hook, index) => {
        // Stopped before the sim even reads this first answer, so its retry must wait.
        if (index === 0) sim.controls.stopWebhooks();
        return index === 0 ? 503 : 200;
      });
      await createPayment(sim, SHOP, { webHooks: hooks(['payment.created']) });
      await sim.controls.whenWebhooksIdle();
      expect(receiver.received).toHaveLength(1);
      expect(sim.controls.webhookStatus()).toMatchObject({ stopped: true, held: 1 });
      sim.controls.resumeWebhooks();
      await sim.controls.whenWebhooksIdle();
      expect(receiver.received.map((hook) => hook.answered)).toEqual([503, 200]);
    });

    it('refuses a bad mode', async () => {
      expect((await putMode({ reorder: 'sideways' })).status).toBe(400);
      expect((await putMode({ duplicates: -1 })).status).toBe(400);
      expect((await putMode({ colour: 'blue' })).status).toBe(400);
    });
  });
});
