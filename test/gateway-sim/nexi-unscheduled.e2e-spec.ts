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
import { TestClock } from './test-clock';

const SHOP: TestNexiMerchant = { merchantId: 100020001, secretKey: 'test-secret-key-1111222233334444555566667777aaaa' };
const OTHER_SHOP: TestNexiMerchant = {
  merchantId: 100020002,
  secretKey: 'test-secret-key-bbbbccccddddeeee0000111122223333',
};

interface StoredCardView {
  readonly unscheduledSubscriptionId: string;
  readonly paymentDetails: {
    readonly paymentType: string;
    readonly paymentMethod: string;
    readonly cardDetails: { readonly expiryDate: string; readonly maskedPan: string };
  };
}

interface BulkStatus {
  readonly page: readonly {
    readonly unscheduledSubscriptionId: string;
    readonly paymentId?: string;
    readonly chargeId?: string;
    readonly status: string;
    readonly code?: string;
    readonly externalReference?: string;
  }[];
  readonly more: boolean;
  readonly status: string;
}

describe('gateway-sim: Nexi stored cards, unscheduled and bulk charges (e2e)', () => {
  const clock = new TestClock();
  let sim: RunningGatewaySim;

  beforeAll(async () => {
    sim = await startGatewaySim({ port: 0, nexiMerchants: [SHOP, OTHER_SHOP], mobilePayMerchants: [], clock });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  beforeEach(() => {
    sim.controls.reset();
    clock.reset();
  });

  /** Registers a card with an amount-0 checkout and returns its unscheduledSubscriptionId. */
  async function registerCard(cardNumber: string = TEST_CARDS.visa.number, expiry = '11/38'): Promise<string> {
    const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, SHOP, { amount: 0, unscheduled: true });
    const page = await call(hostedPaymentPageUrl);
    expect(page.text).toContain('<h1>Gem dit betalingskort</h1>');
    const res = await payOnHostedPage(hostedPaymentPageUrl, { cardNumber, expiry });
    expect(res.status).toBe(303);
    const view = await nexi<PaymentView>(sim, SHOP.secretKey, 'GET', `/v1/payments/${paymentId}`);
    const id = view.json.payment.unscheduledSubscription?.unscheduledSubscriptionId;
    if (id === undefined) throw new Error('no unscheduled subscription on the registration payment');
    return id;
  }

  const chargeCard = (id: string, amount: number, merchant = SHOP) =>
    nexi<{ paymentId: string; chargeId: string }>(
      sim,
      merchant.secretKey,
      'POST',
      `/v1/unscheduledsubscriptions/${id}/charges`,
      {
        order: orderOf(amount),
      },
    );

  const setCardState = (id: string, state: string) =>
    call(`${sim.url}/_sim/nexi/unscheduled-subscriptions/${id}/card-state`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state }),
    });

  it('registers a card with amount 0: a subscription id, the card, and no money moved', async () => {
    const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, SHOP, { amount: 0, unscheduled: true });
    expect(
      (await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: TEST_CARDS.dankort.number, expiry: '11/38' })).status,
    ).toBe(303);
    const view = await nexi<PaymentView>(sim, SHOP.secretKey, 'GET', `/v1/payments/${paymentId}`);
    expect(view.json.payment.summary).toEqual({});
    expect(view.json.payment.charges).toBeUndefined();
    const id = view.json.payment.unscheduledSubscription?.unscheduledSubscriptionId ?? '';
    expect(id).toMatch(/^[0-9a-f]{32}$/);

    const stored = await nexi<StoredCardView>(sim, SHOP.secretKey, 'GET', `/v1/unscheduledsubscriptions/${id}`);
    expect(stored.status).toBe(200);
    expect(stored.json).toEqual({
      unscheduledSubscriptionId: id,
      paymentDetails: {
        paymentType: 'CARD',
        paymentMethod: 'Dankort',
        cardDetails: { expiryDate: '1138', maskedPan: '501910******0006' },
      },
    });
    expect((await nexi(sim, OTHER_SHOP.secretKey, 'GET', `/v1/unscheduledsubscriptions/${id}`)).status).toBe(404);
    expect(sim.controls.ledger().charges).toEqual([]);
  });

  it('charges a stored card at once: a new payment, charged, linked to the subscription', async () => {
    const id = await registerCard();
    const res = await chargeCard(id, 20000);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      paymentId: expect.stringMatching(/^[0-9a-f]{32}$/),
      chargeId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const view = await nexi<PaymentView>(sim, SHOP.secretKey, 'GET', `/v1/payments/${res.json.paymentId}`);
    expect(view.json.payment.summary).toEqual({ reservedAmount: 20000, chargedAmount: 20000 });
    expect(view.json.payment.unscheduledSubscription?.unscheduledSubscriptionId).toBe(id);
    expect(view.json.payment.charges?.map((c) => c.chargeId)).toEqual([res.json.chargeId]);
    expect(sim.controls.ledger().charges.map((c) => [c.chargeId, c.amount])).toEqual([[res.json.chargeId, 20000]]);
    expect((await chargeCard(id, 100, OTHER_SHOP)).status).toBe(404);
  });

  it.each([
    ['expired', '54'],
    ['blocked', '62'],
    ['no_funds', '51'],
    ['declined', '05'],
  ])(
    'refuses a stored card switched to %s with 402 and the issuer error, until it is ok again',
    async (state, code) => {
      const id = await registerCard();
      const switched = await setCardState(id, state);
      expect(switched.status).toBe(200);
      const refused = await chargeCard(id, 5000);
      expect(refused.status).toBe(402);
      expect(refused.json).toEqual({ message: expect.any(String), code, source: 'Issuer' });
      expect(sim.controls.ledger().charges).toEqual([]);

      expect((await setCardState(id, 'ok')).status).toBe(200);
      expect((await chargeCard(id, 5000)).status).toBe(201);
      expect(sim.controls.ledger().charges).toHaveLength(1);
    },
  );

  it('reports an expired stored card as expired last month, and a card past its real expiry is refused', async () => {
    const id = await registerCard(TEST_CARDS.visa.number, '11/38');
    await setCardState(id, 'expired');
    const stored = await nexi<StoredCardView>(sim, SHOP.secretKey, 'GET', `/v1/unscheduledsubscriptions/${id}`);
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const mmyy = `${String(lastMonth.getUTCMonth() + 1).padStart(2, '0')}${String(lastMonth.getUTCFullYear() % 100).padStart(2, '0')}`;
    expect(stored.json.paymentDetails.cardDetails.expiryDate).toBe(mmyy);

    const soon = await registerCard(
      TEST_CARDS.mastercard.number,
      `${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCFullYear() % 100).padStart(2, '0')}`,
    );
    expect((await chargeCard(soon, 1000)).status).toBe(201);
    clock.advance(32 * 24 * 3600 * 1000);
    const lapsed = await chargeCard(soon, 1000);
    expect(lapsed.status).toBe(402);
    expect(lapsed.json).toMatchObject({ code: '54', source: 'Issuer' });
  });

  it('refuses bad test-control input: an unknown state or card', async () => {
    const id = await registerCard();
    expect((await setCardState(id, 'stolen')).status).toBe(400);
    expect((await setCardState('0'.repeat(32), 'ok')).status).toBe(404);
  });

  describe('bulk charge', () => {
    const bulk = (externalBulkChargeId: string, items: readonly { id: string; amount: number; ref?: string }[]) =>
      nexi<{ bulkId: string }>(sim, SHOP.secretKey, 'POST', '/v1/unscheduledsubscriptions/charges', {
        externalBulkChargeId,
        unscheduledSubscriptions: items.map((item) => ({
          unscheduledSubscriptionId: item.id,
          ...(item.ref ? { externalReference: item.ref } : {}),
          order: orderOf(item.amount),
        })),
      });

    const status = (bulkId: string, query = '') =>
      nexi<BulkStatus>(sim, SHOP.secretKey, 'GET', `/v1/unscheduledsubscriptions/charges/${bulkId}${query}`);

    it('charges each card once; the same externalBulkChargeId again answers the same bulkId and charges nothing', async () => {
      const good = await registerCard(TEST_CARDS.visa.number);
      const blocked = await registerCard(TEST_CARDS.mastercard.number);
      await setCardState(blocked, 'blocked');
      const items = [
        { id: good, amount: 15000, ref: 'topup-1' },
        { id: blocked, amount: 15000, ref: 'topup-2' },
        { id: 'f'.repeat(32), amount: 15000, ref: 'topup-3' },
      ];

      const first = await bulk('nightly-2024-05-01', items);
      expect(first.status).toBe(202);
      expect(first.json.bulkId).toMatch(/^[0-9a-f]{32}$/);
      const second = await bulk('nightly-2024-05-01', items);
      expect(second.status).toBe(202);
      expect(second.json.bulkId).toBe(first.json.bulkId);
      expect(sim.controls.ledger().charges.map((c) => c.amount)).toEqual([15000]);

      const result = await status(first.json.bulkId);
      expect(result.status).toBe(200);
      expect(result.json.status).toBe('Done');
      expect(result.json.more).toBe(false);
      expect(result.json.page.map((entry) => [entry.externalReference, entry.status, entry.code])).toEqual([
        ['topup-1', 'Succeeded', undefined],
        ['topup-2', 'Failed', '62'],
        ['topup-3', 'Failed', '404'],
      ]);
      expect(result.json.page[0].chargeId).toBe(sim.controls.ledger().charges[0].chargeId);

      const other = await bulk('nightly-2024-05-02', items.slice(0, 1));
      expect(other.json.bulkId).not.toBe(first.json.bulkId);
      expect(sim.controls.ledger().charges).toHaveLength(2);
    });

    it('pages the results with skip/take', async () => {
      const a = await registerCard(TEST_CARDS.visa.number);
      const b = await registerCard(TEST_CARDS.dankort.number);
      const { json } = await bulk('paged', [
        { id: a, amount: 1000 },
        { id: b, amount: 2000 },
      ]);
      const firstPage = await status(json.bulkId, '?skip=0&take=1');
      expect(firstPage.json.page.map((p) => p.unscheduledSubscriptionId)).toEqual([a]);
      expect(firstPage.json.more).toBe(true);
      const secondPage = await status(json.bulkId, '?skip=1&take=1');
      expect(secondPage.json.page.map((p) => p.unscheduledSubscriptionId)).toEqual([b]);
      expect(secondPage.json.more).toBe(false);
    });

    it('holds its answer after charging while the answer delay is set; the ledger names reference and card', async () => {
      const id = await registerCard();
      const set = await call<{ ms: number }>(`${sim.url}/_sim/nexi/answer-delay`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms: 1500 }),
      });
      expect(set.json).toEqual({ ms: 1500 });
      const started = Date.now();
      const answer = bulk('held-1', [{ id, amount: 4000 }]);
      // Charged before the answer leaves: a caller killed now was charged and never heard so.
      while (sim.controls.ledger().charges.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(Date.now() - started).toBeLessThan(1000);
      const [charge] = sim.controls.ledger().charges;
      expect(charge).toMatchObject({ amount: 4000, unscheduledSubscriptionId: id, reference: expect.any(String) });
      expect((await answer).status).toBe(202);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);

      expect(sim.controls.setAnswerDelay(0)).toBe(0);
      const again = Date.now();
      expect((await bulk('held-2', [{ id, amount: 4000 }])).status).toBe(202);
      expect(Date.now() - again).toBeLessThan(1000);
      const bad = await call(`${sim.url}/_sim/nexi/answer-delay`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms: -1 }),
      });
      expect(bad.status).toBe(400);
    });

    it('validates the request like Nexi (externalBulkChargeId required, at most 64 characters)', async () => {
      const id = await registerCard();
      const res = await bulk('x'.repeat(65), [{ id, amount: 1000 }]);
      expect(res.status).toBe(400);
      expect(Object.keys((res.json as unknown as { errors: object }).errors)).toEqual(['externalBulkChargeId']);
    });
  });
});
