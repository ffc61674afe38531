import {
  IDENTICAL_TRANSACTION_TEXT,
  startGatewaySim,
  TEST_CARDS,
  type RunningGatewaySim,
} from '../../apps/gateway-sim/src/main';
import {
  call,
  createPayment,
  createPaymentBody,
  nexi,
  payOnHostedPage,
  type PaymentView,
  type TestNexiMerchant,
} from './nexi-test-client';
import { TestClock } from './test-clock';

const SHOP: TestNexiMerchant = { merchantId: 100017120, secretKey: 'test-secret-key-aaaabbbbccccddddeeeeffff00001111' };
const OTHER_SHOP: TestNexiMerchant = {
  merchantId: 100017121,
  secretKey: 'test-secret-key-99998888777766665555444433332222',
};

describe('gateway-sim: Nexi Checkout payments and the hosted payment page (e2e)', () => {
  const clock = new TestClock();
  let sim: RunningGatewaySim;

  beforeAll(async () => {
    sim = await startGatewaySim({ port: 0, nexiMerchants: [SHOP, OTHER_SHOP], clock, mobilePayMerchants: [] });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  beforeEach(() => {
    sim.controls.reset();
    clock.reset();
  });

  const retrieve = (paymentId: string, merchant = SHOP) =>
    nexi<PaymentView>(sim, merchant.secretKey, 'GET', `/v1/payments/${paymentId}`);

  describe('authentication', () => {
    it('answers 401 with no body for a missing, unknown or "Bearer"-prefixed secret key', async () => {
      for (const key of [undefined, 'test-secret-key-nope', `Bearer ${SHOP.secretKey}`]) {
        const res = await nexi(sim, key, 'POST', '/v1/payments', createPaymentBody());
        expect(res.status).toBe(401);
        expect(res.text).toBe('');
      }
      expect((await nexi(sim, undefined, 'GET', '/v1/payments/00000000000000000000000000000000')).status).toBe(401);
    });

    it("does not show one merchant another merchant's payment", async () => {
      const { paymentId } = await createPayment(sim, SHOP);
      expect((await retrieve(paymentId, OTHER_SHOP)).status).toBe(404);
      expect((await retrieve(paymentId, SHOP)).status).toBe(200);
    });
  });

  describe('create payment', () => {
    it('answers 201 with a 32-hex paymentId and the hosted payment page URL', async () => {
      const res = await nexi<{ paymentId: string; hostedPaymentPageUrl: string }>(
        sim,
        SHOP.secretKey,
        'POST',
        '/v1/payments',
        createPaymentBody(),
      );
      expect(res.status).toBe(201);
      expect(res.json.paymentId).toMatch(/^[0-9a-f]{32}$/);
      expect(res.json.hostedPaymentPageUrl).toBe(`${sim.url}/hostedpaymentpage/?pid=${res.json.paymentId}`);
      const view = await retrieve(res.json.paymentId);
      expect(view.json.payment).toMatchObject({
        paymentId: res.json.paymentId,
        summary: {},
        paymentDetails: {},
        orderDetails: { amount: 12500, currency: 'DKK' },
        checkout: { url: res.json.hostedPaymentPageUrl, cancelUrl: 'https://portal.example/indbetaling/annulleret' },
      });
      expect(view.json.payment.charges).toBeUndefined();
      expect(view.json.payment.unscheduledSubscription).toBeUndefined();
    });

    it('refuses bad fields with 400 and Nexi’s errors object naming each field', async () => {
      const body = createPaymentBody();
      const { termsUrl: _dropped, ...checkout } = body.checkout;
      const res = await nexi<{ errors: Record<string, string[]> }>(sim, SHOP.secretKey, 'POST', '/v1/payments', {
        ...body,
        order: { ...body.order, amount: 999 },
        checkout,
        notifications: {
          webHooks: [{ eventName: 'payment.created', url: 'https://x.example/h', authorization: 'short' }],
        },
      });
      expect(res.status).toBe(400);
      expect(Object.keys(res.json.errors).sort()).toEqual([
        'checkout.termsUrl',
        'notifications.webHooks[0].authorization',
        'order.amount',
      ]);
    });

    it('allows amount 0 only to register a card (unscheduledSubscription.create)', async () => {
      const zero = createPaymentBody({ amount: 0 });
      expect((await nexi(sim, SHOP.secretKey, 'POST', '/v1/payments', zero)).status).toBe(400);
      const registration = createPaymentBody({ amount: 0, unscheduled: true });
      expect((await nexi(sim, SHOP.secretKey, 'POST', '/v1/payments', registration)).status).toBe(201);
    });

    it('takes at most 32 webhooks', async () => {
      const hook = { eventName: 'payment.created', url: 'https://x.example/h', authorization: 'abcdefgh' };
      const body = { ...createPaymentBody(), notifications: { webHooks: Array.from({ length: 33 }, () => hook) } };
      expect((await nexi(sim, SHOP.secretKey, 'POST', '/v1/payments', body)).status).toBe(400);
    });
  });

  describe('paying on the hosted page', () => {
    it('reserves and charges (charge: true), then redirects to returnUrl with paymentid appended', async () => {
      const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, SHOP, { amount: 12500, charge: true });
      const res = await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: '4925 0000 0000 0004', expiry: '08/39' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(
        `https://portal.example/indbetaling/retur?konto=1&paymentid=${paymentId}`,
      );
      const view = await retrieve(paymentId);
      expect(view.json.payment.summary).toEqual({ reservedAmount: 12500, chargedAmount: 12500 });
      expect(view.json.payment.paymentDetails).toEqual({
        paymentType: 'CARD',
        paymentMethod: 'Visa',
        cardDetails: { maskedPan: '492500******0004', expiryDate: '0839' },
      });
      expect(view.json.payment.charges).toEqual([
        {
          chargeId: expect.stringMatching(/^[0-9a-f]{32}$/),
          amount: 12500,
          created: expect.any(String),
          orderItems: expect.any(Array),
        },
      ]);
      const ledger = sim.controls.ledger();
      expect(ledger.charges.map((c) => [c.payment, c.amount])).toEqual([[paymentId, 12500]]);
    });

    it('detects Mastercard and Dankort by number', async () => {
      for (const [card, method] of [
        [TEST_CARDS.mastercard, 'MasterCard'],
        [TEST_CARDS.dankort, 'Dankort'],
      ] as const) {
        const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, SHOP);
        expect((await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: card.number })).status).toBe(303);
        expect((await retrieve(paymentId)).json.payment.paymentDetails.paymentMethod).toBe(method);
      }
    });

    it('with charge: false only reserves; the merchant charges, refunds and cannot over-charge', async () => {
      const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, SHOP, { amount: 10000, charge: false });
      expect((await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: TEST_CARDS.visa.number })).status).toBe(303);
      expect((await retrieve(paymentId)).json.payment.summary).toEqual({ reservedAmount: 10000 });

      const charged = await nexi<{ chargeId: string }>(
        sim,
        SHOP.secretKey,
        'POST',
        `/v1/payments/${paymentId}/charges`,
        { amount: 6000 },
      );
      expect(charged.status).toBe(201);
      const tooMuch = await nexi(sim, SHOP.secretKey, 'POST', `/v1/payments/${paymentId}/charges`, { amount: 4001 });
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.json).toEqual({
        message: expect.any(String),
        code: expect.any(String),
        source: expect.any(String),
      });

      const refund = await nexi<{ refundId: string }>(
        sim,
        SHOP.secretKey,
        'POST',
        `/v1/charges/${charged.json.chargeId}/refunds`,
        { amount: 2500 },
      );
      expect(refund.status).toBe(201);
      expect(refund.json.refundId).toMatch(/^[0-9a-f]{32}$/);
      const overRefund = await nexi(sim, SHOP.secretKey, 'POST', `/v1/charges/${charged.json.chargeId}/refunds`, {
        amount: 3501,
      });
      expect(overRefund.status).toBe(400);
      const otherMerchant = await nexi(
        sim,
        OTHER_SHOP.secretKey,
        'POST',
        `/v1/charges/${charged.json.chargeId}/refunds`,
        { amount: 1 },
      );
      expect(otherMerchant.status).toBe(404);

      const view = await retrieve(paymentId);
      expect(view.json.payment.summary).toEqual({ reservedAmount: 10000, chargedAmount: 6000, refundedAmount: 2500 });
      expect(view.json.payment.refunds).toEqual([
        expect.objectContaining({ refundId: refund.json.refundId, amount: 2500, state: 'Completed' }),
      ]);
      expect(sim.controls.ledger().refunds.map((r) => r.amount)).toEqual([2500]);
    });

    it('cancels a reservation that is not charged, and refuses to charge it afterwards', async () => {
      const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, SHOP, { amount: 7000, charge: false });
      await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: TEST_CARDS.visa.number });
      expect(
        (await nexi(sim, SHOP.secretKey, 'POST', `/v1/payments/${paymentId}/cancels`, { amount: 6999 })).status,
      ).toBe(400);
      const cancelled = await nexi(sim, SHOP.secretKey, 'POST', `/v1/payments/${paymentId}/cancels`, { amount: 7000 });
      expect(cancelled.status).toBe(204);
      expect((await retrieve(paymentId)).json.payment.summary).toEqual({ reservedAmount: 7000, cancelledAmount: 7000 });
      expect((await nexi(sim, SHOP.secretKey, 'POST', `/v1/payments/${paymentId}/charges`, { amount: 1 })).status).toBe(
        400,
      );
    });

    it('shows a declined card on the page, and the parent may then pay with another card', async () => {
      const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, SHOP);
      const declined = await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: TEST_CARDS.declined.number });
      expect(declined.status).toBe(402);
      expect(declined.text).toContain('role="alert"');
      expect(declined.text).toContain('Betalingen blev afvist af kortudstederen. Prøv et andet kort.');
      expect(declined.text).toContain('<p id="card-brand" aria-live="polite">Korttype: Visa</p>');
      expect((await retrieve(paymentId)).json.payment.summary).toEqual({});

      const paid = await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: TEST_CARDS.mastercard.number });
      expect(paid.status).toBe(303);
      expect((await retrieve(paymentId)).json.payment.summary).toEqual({ reservedAmount: 12500, chargedAmount: 12500 });
    });

    it.each([
      ['insufficient funds', TEST_CARDS.insufficientFunds.number, '12/39', 'Der er ikke dækning på kortet.'],
      ['the expired test card', TEST_CARDS.expired.number, '12/39', 'Kortet er udløbet.'],
      ['any past expiry date', TEST_CARDS.visa.number, '01/20', 'Kortet er udløbet.'],
      ['a blocked card', TEST_CARDS.blocked.number, '12/39', 'Kortet er spærret.'],
    ])('refuses %s on the page and charges nothing', async (_case, cardNumber, expiry, text) => {
      const { hostedPaymentPageUrl } = await createPayment(sim, SHOP);
      const res = await payOnHostedPage(hostedPaymentPageUrl, { cardNumber, expiry });
      expect(res.status).toBe(402);
      expect(res.text).toContain(text);
      expect(sim.controls.ledger().charges).toEqual([]);
    });

    it('ties format errors to their fields and never echoes the CVC', async () => {
      const { hostedPaymentPageUrl } = await createPayment(sim, SHOP);
      const res = await payOnHostedPage(hostedPaymentPageUrl, {
        holderName: '',
        cardNumber: '4925000000000005',
        expiry: '13/30',
        cvc: '98',
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('<p class="error" id="card-number-error">Kortnummeret er ikke gyldigt.');
      expect(res.text).toMatch(
        /id="card-number"[^>]*aria-describedby="card-number-hint card-number-error"[^>]*aria-invalid="true"/,
      );
      expect(res.text).toMatch(/id="holder-name"[^>]*aria-invalid="true"/);
      expect(res.text).toMatch(/id="expiry"[^>]*aria-invalid="true"/);
      expect(res.text).toMatch(/id="cvc"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('value="4925000000000005"');
      expect(res.text).not.toContain('value="98"');

      const amex = await payOnHostedPage(hostedPaymentPageUrl, { cardNumber: '378282246310005' });
      expect(amex.status).toBe(400);
      expect(amex.text).toContain('Vi modtager kun Dankort, Visa og Mastercard.');
    });

    it('says a paid checkout is done, and a terminated one cannot be paid', async () => {
      const paid = await createPayment(sim, SHOP);
      await payOnHostedPage(paid.hostedPaymentPageUrl, { cardNumber: TEST_CARDS.visa.number });
      const again = await call(paid.hostedPaymentPageUrl);
      expect(again.status).toBe(200);
      expect(again.text).toContain('Betalingen er gennemført');

      const left = await createPayment(sim, SHOP);
      expect((await nexi(sim, SHOP.secretKey, 'PUT', `/v1/payments/${left.paymentId}/terminate`)).status).toBe(204);
      expect((await call(left.hostedPaymentPageUrl)).status).toBe(410);
      expect((await retrieve(left.paymentId)).json.payment.terminated).toEqual(expect.any(String));
    });
  });

  describe('"Identisk Transaktion"', () => {
    const pay = async (amount: number, cardNumber: string) => {
      const { hostedPaymentPageUrl } = await createPayment(sim, SHOP, { amount });
      return payOnHostedPage(hostedPaymentPageUrl, { cardNumber });
    };

    it('refuses the same card and amount again within the window, with exactly that text', async () => {
      expect((await pay(20000, TEST_CARDS.visa.number)).status).toBe(303);
      const repeat = await pay(20000, TEST_CARDS.visa.number);
      expect(repeat.status).toBe(402);
      expect(repeat.text).toContain(`<p class="refusal-text">${IDENTICAL_TRANSACTION_TEXT}</p>`);
      expect(IDENTICAL_TRANSACTION_TEXT).toBe('Identisk Transaktion');
      expect(sim.controls.ledger().charges).toHaveLength(1);
    });

    it('lets another card, another amount, or the same after the window through', async () => {
      expect((await pay(20000, TEST_CARDS.visa.number)).status).toBe(303);
      expect((await pay(20000, TEST_CARDS.mastercard.number)).status).toBe(303);
      expect((await pay(20100, TEST_CARDS.visa.number)).status).toBe(303);
      clock.advance(9 * 60_000);
      expect((await pay(20000, TEST_CARDS.visa.number)).status).toBe(402);
      clock.advance(60_000 + 1000);
      expect((await pay(20000, TEST_CARDS.visa.number)).status).toBe(303);
    });
  });
});
