import request from 'supertest';
import { createCard, createTestTenant, createTill, type TestTill } from '@kk/testing';
import { startPosTestApp, type PosTestApp } from './pos-test-app';

/** application/json as the POS API reads it: an empty body is no body; everything else as Fastify's secure parser. */
describe('POS API v1 JSON bodies', () => {
  let pos: PosTestApp;
  let tenant: string;
  let till: TestTill;

  beforeAll(async () => {
    pos = await startPosTestApp();
    tenant = await createTestTenant(pos.ds);
    till = await createTill(pos.ds, tenant);
  });
  afterAll(() => pos.close());

  const post = (path: string, type: string, body: string, key = `json-${Math.random().toString(36).slice(2)}`) =>
    request(pos.app.getHttpServer())
      .post(path)
      .set('Authorization', `Bearer ${till.apiKey}`)
      .set('Idempotency-Key', key)
      .set('Content-Type', type)
      .send(body);
  const expectProblem = (res: request.Response, status: number) => {
    expect([res.status, res.headers['content-type']]).toEqual([
      status,
      expect.stringMatching(/^application\/problem\+json/),
    ]);
  };

  it.each(['application/json', 'application/json; charset=utf-8'])(
    'accepts a reversal with Content-Type %s and an empty body like one without a body',
    async (type) => {
      const card = await createCard(pos.ds, tenant, { balance: 1000 });
      const bought = await post(
        '/pos/v1/purchases',
        'application/json',
        JSON.stringify({ cardNumber: card.cardNumber, amount: 300 }),
      );
      expect(bought.status).toBe(201);
      const reversed = await post(`/pos/v1/purchases/${bought.body.id}/reversal`, type, '');
      expect(reversed.status).toBe(200);
      expect(reversed.body).toEqual({ id: bought.body.id, status: 'reversed', balance: 1000 });
    },
  );

  it('still refuses a purchase with an empty JSON body: the body must be a JSON object', async () => {
    const res = await post('/pos/v1/purchases', 'application/json', '');
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
  });

  it.each([
    ['__proto__', '{"cardNumber":"1","amount":1,"__proto__":{"isAdmin":true}}'],
    ['constructor.prototype', '{"cardNumber":"1","amount":1,"constructor":{"prototype":{"isAdmin":true}}}'],
    ['whitespace only', '   '],
    ['invalid JSON', '{"cardNumber": '],
  ])('refuses %s as a 400 problem, on purchases and reversals alike', async (_label, body) => {
    expectProblem(await post('/pos/v1/purchases', 'application/json', body), 400);
    expectProblem(
      await post('/pos/v1/purchases/00000000-0000-4000-8000-000000000000/reversal', 'application/json', body),
      400,
    );
  });

  it('keeps the 16 KiB body limit (413) and refuses unknown media types (415)', async () => {
    const big = JSON.stringify({ cardNumber: '1', amount: 1, description: 'x'.repeat(20_000) });
    expectProblem(await post('/pos/v1/purchases', 'application/json', big), 413);
    expectProblem(await post('/pos/v1/purchases', 'application/xml', '<purchase/>'), 415);
  });
});
