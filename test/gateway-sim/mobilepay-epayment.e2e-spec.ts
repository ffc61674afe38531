import { startGatewaySim, type MobilePayMerchant, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import {
  answerOnPhone,
  MobilePayTestClient,
  newReference,
  paymentBody,
  requestAccessToken,
  RETURN_URL,
  type Aggregate,
} from './mobilepay-test-client';
import { call } from './nexi-test-client';
import { TestClock } from './test-clock';

const UNIT: MobilePayMerchant = {
  clientId: '3f1c2a4e-0b6d-4e8f-9a7c-1d2e3f405162',
  clientSecret: 'unit-secret-0123456789abcdef',
  subscriptionKey: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  merchantSerialNumber: '654321',
};
const OTHER_UNIT: MobilePayMerchant = {
  clientId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  clientSecret: 'other-secret-fedcba9876543210',
  subscriptionKey: 'ffeeddccbbaa00998877665544332211',
  merchantSerialNumber: '777777',
};

describe('gateway-sim: Vipps MobilePay access token and ePayment (e2e)', () => {
  const clock = new TestClock();
  let sim: RunningGatewaySim;
  let mp: MobilePayTestClient;

  beforeAll(async () => {
    sim = await startGatewaySim({ port: 0, nexiMerchants: [], mobilePayMerchants: [UNIT, OTHER_UNIT], clock });
    mp = new MobilePayTestClient(sim, UNIT);
  });

  afterAll(async () => {
    await sim?.stop();
  });

  beforeEach(async () => {
    sim.controls.reset();
    clock.reset();
    await mp.authenticate();
  });

  describe('access token', () => {
    it('issues a Bearer JWT for the right API keys', async () => {
      const res = await requestAccessToken(sim, UNIT);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: '3600' });
      expect(res.json.access_token.split('.')).toHaveLength(3);
    });

    it.each([
      ['a wrong client secret', { client_secret: 'nope' }],
      ['a wrong subscription key', { 'Ocp-Apim-Subscription-Key': 'nope' }],
      ['another unit’s subscription key', { 'Ocp-Apim-Subscription-Key': OTHER_UNIT.subscriptionKey }],
      ['a wrong MSN', { 'Merchant-Serial-Number': '111111' }],
    ])('refuses %s with 401', async (_case, override) => {
      expect((await requestAccessToken(sim, UNIT, override)).status).toBe(401);
    });

    it('checks the token, subscription key and MSN on every API call', async () => {
      const { reference } = await mp.createPayment();
      const path = `/epayment/v1/payments/${reference}`;
      const status = async (headers: Record<string, string> = {}) => (await mp.api('GET', path, { headers })).status;
      expect(await status({ authorization: 'Bearer not.a.token' })).toBe(401);
      expect(await status({ authorization: '' })).toBe(401);
      expect(await status({ 'Ocp-Apim-Subscription-Key': 'wrong' })).toBe(401);
      expect(await status({ 'Ocp-Apim-Subscription-Key': OTHER_UNIT.subscriptionKey })).toBe(401);
      expect(await status({ 'Merchant-Serial-Number': OTHER_UNIT.merchantSerialNumber })).toBe(401);
      expect(await status()).toBe(200);
      clock.advance(3601 * 1000);
      expect(await status()).toBe(401);
    });
  });

  describe('create payment', () => {
    it('answers 201 with the redirectUrl; the same key and body again is the same answer and nothing new', async () => {
      const reference = newReference();
      const create = () =>
        mp.api<{ redirectUrl: string; reference: string }>('POST', '/epayment/v1/payments', {
          key: 'k-1',
          body: paymentBody(reference),
        });
      const first = await create();
      expect(first.status).toBe(201);
      expect(first.json.reference).toBe(reference);
      expect(first.json.redirectUrl).toMatch(new RegExp(`^${sim.url}/mobilepay/landing\\?token=`));
      const again = await create();
      expect(again.status).toBe(201);
      expect(again.json).toEqual(first.json);
      const events = await mp.api<{ name: string }[]>('GET', `/epayment/v1/payments/${reference}/events`);
      expect(events.json.map((event) => event.name)).toEqual(['CREATED']);
      const view = await mp.retrieve(reference);
      expect(view.json).toMatchObject({
        state: 'CREATED',
        amount: { currency: 'DKK', value: 15000 },
        pspReference: expect.stringMatching(/^\d+$/),
      });
      expect(view.json.aggregate.authorizedAmount).toEqual({ currency: 'DKK', value: 0 });
    });

    it('answers 409 problem+json for a reference reused with another key, and for a key reused with another body', async () => {
      const reference = newReference();
      await mp.api('POST', '/epayment/v1/payments', { key: 'k-a', body: paymentBody(reference) });
      const reused = await mp.api('POST', '/epayment/v1/payments', { key: 'k-b', body: paymentBody(reference) });
      expect(reused.status).toBe(409);
      expect(reused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(reused.json).toEqual({
        type: expect.stringMatching(/^https:\/\//),
        title: 'Conflict',
        detail: expect.stringContaining(reference),
        status: 409,
        traceId: expect.any(String),
      });
      const otherBody = await mp.api('POST', '/epayment/v1/payments', {
        key: 'k-a',
        body: paymentBody(reference, 999),
      });
      expect(otherBody.status).toBe(409);
    });

    it('validates the Idempotency-Key and the body', async () => {
      const create = (options: { key?: string; body: unknown }) => mp.api('POST', '/epayment/v1/payments', options);
      expect((await create({ body: paymentBody(newReference()) })).status).toBe(400);
      expect((await create({ key: 'k'.repeat(51), body: paymentBody(newReference()) })).status).toBe(400);
      const bad = await mp.api<{ extraDetails: { name: string }[] }>('POST', '/epayment/v1/payments', {
        key: 'k-bad',
        body: { ...paymentBody('short'), userFlow: 'QR', amount: { currency: 'DKK', value: 12.5 } },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.extraDetails.map((detail) => detail.name).sort()).toEqual(['amount', 'reference', 'userFlow']);
    });
  });

  describe('the phone, capture, refund, cancel', () => {
    it('approves on the landing page ("Godkend") and returns to returnUrl: AUTHORIZED', async () => {
      const { reference, redirectUrl } = await mp.createPayment();
      const page = await call(redirectUrl);
      expect(page.text).toContain('>Godkend</button>');
      expect(page.text).toContain('>Afvis</button>');
      expect(page.text).toContain('+45 12 34 56 78');
      const back = await answerOnPhone(redirectUrl, 'approve');
      expect(back.status).toBe(303);
      expect(back.headers.get('location')).toBe(RETURN_URL);
      const view = await mp.retrieve(reference);
      expect(view.json.state).toBe('AUTHORIZED');
      expect(view.json.aggregate.authorizedAmount.value).toBe(15000);
      expect((await call(redirectUrl)).text).toContain('Betalingen er godkendt.');
    });

    it('rejects on the landing page ("Afvis"): ABORTED, nothing to capture', async () => {
      const { reference, redirectUrl } = await mp.createPayment();
      expect((await answerOnPhone(redirectUrl, 'reject')).headers.get('location')).toBe(RETURN_URL);
      expect((await mp.retrieve(reference)).json.state).toBe('ABORTED');
      expect((await mp.modify(reference, 'capture', 'cap-1', 100)).status).toBe(409);
    });

    it('captures idempotently, refunds, cancels the rest, and logs every event', async () => {
      const { reference, redirectUrl } = await mp.createPayment(newReference(), 20000);
      await answerOnPhone(redirectUrl, 'approve');
      type Modification = { state: string; aggregate: Aggregate; reference: string };
      const first = await mp.modify<Modification>(reference, 'capture', 'capture-1', 12000);
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({
        state: 'AUTHORIZED',
        reference,
        aggregate: { capturedAmount: { value: 12000 } },
      });
      const replay = await mp.modify<Modification>(reference, 'capture', 'capture-1', 12000);
      expect(replay.json).toEqual(first.json);
      expect((await mp.retrieve(reference)).json.aggregate.capturedAmount.value).toBe(12000);

      expect((await mp.modify(reference, 'capture', 'capture-2', 8001)).status).toBe(400);
      const refund = await mp.modify<Modification>(reference, 'refund', 'refund-1', 2000);
      expect(refund.json.aggregate.refundedAmount.value).toBe(2000);
      const cancel = await mp.api<Modification>('POST', `/epayment/v1/payments/${reference}/cancel`, {
        key: 'cancel-1',
      });
      expect(cancel.status).toBe(200);
      expect(cancel.json.aggregate.cancelledAmount.value).toBe(8000);

      const events = await mp.api<{ name: string; amount: { value: number }; idempotencyKey: string | null }[]>(
        'GET',
        `/epayment/v1/payments/${reference}/events`,
      );
      expect(events.json.map((e) => [e.name, e.amount.value, e.idempotencyKey])).toEqual([
        ['CREATED', 20000, `create-${reference}`],
        ['AUTHORIZED', 20000, null],
        ['CAPTURED', 12000, 'capture-1'],
        ['REFUNDED', 2000, 'refund-1'],
        ['CANCELLED', 8000, 'cancel-1'],
      ]);
      const ledger = sim.controls.ledger();
      expect(ledger.charges.map((c) => [c.provider, c.payment, c.amount])).toEqual([['mobilepay', reference, 12000]]);
      expect(ledger.refunds.map((r) => r.amount)).toEqual([2000]);
    });

    it('terminates a payment cancelled before the user answers; its landing page is closed', async () => {
      const { reference, redirectUrl } = await mp.createPayment();
      expect((await mp.api('POST', `/epayment/v1/payments/${reference}/cancel`, { key: 'c-1' })).status).toBe(200);
      expect((await mp.retrieve(reference)).json.state).toBe('TERMINATED');
      expect((await call(redirectUrl)).text).toContain('Forretningen har annulleret betalingen.');
    });

    it('expires an unanswered payment: by test control, or after five minutes', async () => {
      const first = await mp.createPayment();
      const expire = `${sim.url}/_sim/mobilepay/${UNIT.merchantSerialNumber}/payments/${first.reference}/expire`;
      expect((await call<{ state: string }>(expire, { method: 'POST' })).json.state).toBe('EXPIRED');
      const second = await mp.createPayment();
      clock.advance(5 * 60_000 + 1000);
      await mp.authenticate();
      expect((await mp.retrieve(second.reference)).json.state).toBe('EXPIRED');
    });

    it('keeps one sales unit’s payments from another', async () => {
      const { reference } = await mp.createPayment();
      const other = new MobilePayTestClient(sim, OTHER_UNIT);
      await other.authenticate();
      expect((await other.retrieve(reference)).status).toBe(404);
    });
  });
});
