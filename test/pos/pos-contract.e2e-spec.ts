import request from 'supertest';
import { createCard, createTestTenant, createTill, createUnit, type TestTill } from '@kk/testing';
import { startPosTestApp, type PosTestApp } from './pos-test-app';

/** Every endpoint and error status of POS API v1 in CONTRACTS.md. */
describe('POS API v1 contract', () => {
  let pos: PosTestApp;
  let tenant: string;
  let till: TestTill;
  let otherTill: TestTill;
  let keyCounter = 0;

  beforeAll(async () => {
    pos = await startPosTestApp();
    tenant = await createTestTenant(pos.ds);
    till = await createTill(pos.ds, tenant);
    otherTill = await createTill(pos.ds, tenant);
  });
  afterAll(() => pos.close());

  const http = () => request(pos.app.getHttpServer());
  const buy = (body: object, t: TestTill = till) =>
    http()
      .post('/pos/v1/purchases')
      .set('Authorization', `Bearer ${t.apiKey}`)
      .set('Idempotency-Key', `c-${++keyCounter}`)
      .send(body);
  const expectProblem = (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    });
  };

  describe('declines, one reason each, with Danish messages and the balance after', () => {
    it.each([
      ['card_replaced', { cardStatus: 'replaced' as const, balance: 5000 }, 5000],
      ['card_blocked', { cardStatus: 'blocked' as const, balance: 5000 }, 5000],
      ['daily_limit_exceeded', { dailyLimit: 50, balance: 5000 }, 5000],
      ['weekly_limit_exceeded', { weeklyLimit: 50, balance: 5000 }, 5000],
      ['monthly_limit_exceeded', { monthlyLimit: 50, balance: 5000 }, 5000],
      ['insufficient_funds', { balance: 99 }, 99],
    ])('%s', async (reason, options, balance) => {
      const card = await createCard(pos.ds, tenant, options);
      const res = await buy({ cardNumber: card.cardNumber, amount: 100 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'declined', declineReason: reason, amount: 100, balance });
      expect(res.body.message).toMatch(/\S/);
      expect(res.body.message).not.toBe('Godkendt');
    });

    it('device_not_allowed outside the allowed units, approved inside them', async () => {
      const elsewhere = await createUnit(pos.ds, tenant);
      const card = await createCard(pos.ds, tenant, { balance: 5000, allowedUnits: [elsewhere] });
      const res = await buy({ cardNumber: card.cardNumber, amount: 100 });
      expect(res.body).toMatchObject({ status: 'declined', declineReason: 'device_not_allowed', balance: 5000 });
      const allowed = await createCard(pos.ds, tenant, { balance: 5000, allowedUnits: [elsewhere, till.unitId] });
      expect((await buy({ cardNumber: allowed.cardNumber, amount: 100 })).body).toMatchObject({
        status: 'approved',
        balance: 4900,
      });
    });

    it('card_unknown with balance null; card numbers are matched case-insensitively', async () => {
      expect((await buy({ cardNumber: 'NOSUCHCARD', amount: 100 })).body).toMatchObject({
        declineReason: 'card_unknown',
        balance: null,
      });
    });
  });

  describe('400 for a bad body or header, with field errors', () => {
    it.each([
      ['amount 0', { cardNumber: '1', amount: 0 }, 'amount'],
      ['amount over 10,000,000', { cardNumber: '1', amount: 10_000_001 }, 'amount'],
      ['amount as a string', { cardNumber: '1', amount: '100' }, 'amount'],
      ['amount as a fraction', { cardNumber: '1', amount: 1.5 }, 'amount'],
      ['missing card number', { amount: 100 }, 'cardNumber'],
      ['description over 200 chars', { cardNumber: '1', amount: 1, description: 'x'.repeat(201) }, 'description'],
    ])('%s', async (_label, body, field) => {
      const res = await buy(body);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('missing or malformed Idempotency-Key', async () => {
      const missing = await http()
        .post('/pos/v1/purchases')
        .set('Authorization', `Bearer ${till.apiKey}`)
        .send({ cardNumber: '1', amount: 1 });
      expectProblem(missing, 400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      const bad = await http()
        .post('/pos/v1/purchases')
        .set('Authorization', `Bearer ${till.apiKey}`)
        .set('Idempotency-Key', 'has space')
        .send({ cardNumber: '1', amount: 1 });
      expectProblem(bad, 400);
    });

    it('malformed JSON', async () => {
      const res = await http()
        .post('/pos/v1/purchases')
        .set('Authorization', `Bearer ${till.apiKey}`)
        .set('Idempotency-Key', 'bad-json')
        .set('Content-Type', 'application/json')
        .send('{"cardNumber": ');
      expectProblem(res, 400);
    });
  });

  describe('401 for a missing or bad key on every guarded route', () => {
    const routes: [string, string][] = [
      ['post', '/pos/v1/purchases'],
      ['post', '/pos/v1/purchases/00000000-0000-0000-0000-000000000000/reversal'],
      ['get', '/pos/v1/cards/1234'],
    ];
    it.each(routes)('%s %s', async (method, path) => {
      for (const header of [undefined, 'Bearer nonsense', `Bearer ${till.apiKey}x`, `Basic ${till.apiKey}`]) {
        const req = method === 'get' ? http().get(path) : http().post(path).send({});
        const res = await (header ? req.set('Authorization', header) : req);
        expectProblem(res, 401);
      }
    });

    it('serves the OpenAPI document without a key', async () => {
      const res = await http().get('/pos/v1/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining(['/pos/v1/purchases', '/pos/v1/purchases/{id}/reversal', '/pos/v1/cards/{cardNumber}']),
      );
    });

    it('answers unknown routes with a problem 404', async () => {
      expectProblem(await http().get('/pos/v1/nothing-here').set('Authorization', `Bearer ${till.apiKey}`), 404);
    });
  });

  describe('POST /pos/v1/purchases/{id}/reversal', () => {
    it('reverses, then repeats as a no-op with the same answer', async () => {
      const card = await createCard(pos.ds, tenant, { balance: 1000 });
      const bought = await buy({ cardNumber: card.cardNumber, amount: 400 });
      const path = `/pos/v1/purchases/${bought.body.id}/reversal`;
      const first = await http().post(path).set('Authorization', `Bearer ${till.apiKey}`);
      const again = await http().post(path).set('Authorization', `Bearer ${till.apiKey}`);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ id: bought.body.id, status: 'reversed', balance: 1000 });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    });

    it("404 for an unknown id, a malformed id and another till's purchase; 409 for a declined one", async () => {
      const card = await createCard(pos.ds, tenant, { balance: 1000 });
      const approved = await buy({ cardNumber: card.cardNumber, amount: 100 });
      const declined = await buy({ cardNumber: card.cardNumber, amount: 5000 });
      const reverse = (id: string, t: TestTill = till) =>
        http().post(`/pos/v1/purchases/${id}/reversal`).set('Authorization', `Bearer ${t.apiKey}`);
      expectProblem(await reverse('00000000-0000-4000-8000-000000000000'), 404);
      expectProblem(await reverse('not-a-uuid'), 404);
      expectProblem(await reverse(approved.body.id, otherTill), 404);
      expectProblem(await reverse(declined.body.id), 409);
    });
  });

  describe('GET /pos/v1/cards/{cardNumber}', () => {
    it('shows status, balance and holder name', async () => {
      const card = await createCard(pos.ds, tenant, { balance: 4200, holderName: 'Alma Hansen' });
      const res = await http().get(`/pos/v1/cards/${card.cardNumber}`).set('Authorization', `Bearer ${till.apiKey}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        cardNumber: card.cardNumber,
        status: 'active',
        balance: 4200,
        holderName: 'Alma Hansen',
      });
      const blocked = await createCard(pos.ds, tenant, { cardStatus: 'blocked' });
      expect(
        (await http().get(`/pos/v1/cards/${blocked.cardNumber}`).set('Authorization', `Bearer ${till.apiKey}`)).body
          .status,
      ).toBe('blocked');
    });

    it('404 for an unknown card', async () => {
      expectProblem(
        await http().get('/pos/v1/cards/0000000000000000').set('Authorization', `Bearer ${till.apiKey}`),
        404,
      );
    });
  });

  it('429 with Retry-After when a till exceeds its rate limit', async () => {
    const limited = await startPosTestApp({ rateLimitPerMinute: 3, poolSize: 1 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 4; i++) {
        const res = await request(limited.app.getHttpServer())
          .get('/pos/v1/cards/1')
          .set('Authorization', `Bearer ${till.apiKey}`);
        statuses.push(res.status);
        if (res.status === 429) {
          expectProblem(res, 429);
          retryAfter = res.headers['retry-after'];
        }
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});

describe('POS API v1 body handling', () => {
  let pos: PosTestApp;
  let till: TestTill;
  beforeAll(async () => {
    pos = await startPosTestApp();
    till = await createTill(pos.ds, await createTestTenant(pos.ds));
  });
  afterAll(() => pos.close());

  it.each([
    ['a non-JSON body (bad body)', 'text/plain', 'hello', 400],
    [
      'a body over 16 KiB',
      'application/json',
      JSON.stringify({ cardNumber: '1', amount: 1, description: 'x'.repeat(20_000) }),
      413,
    ],
  ])('answers %s as problem+json', async (_label, type, body, status) => {
    const res = await request(pos.app.getHttpServer())
      .post('/pos/v1/purchases')
      .set('Authorization', `Bearer ${till.apiKey}`)
      .set('Idempotency-Key', 'body-test')
      .set('Content-Type', type)
      .send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
