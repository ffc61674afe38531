import request from 'supertest';
import { createCard, createTestTenant, createTill, walletBalance, type TestTill } from '@kk/testing';
import { startPosTestApp, type PosTestApp } from './pos-test-app';

describe('POST /pos/v1/purchases', () => {
  let pos: PosTestApp;
  let tenant: string;
  let till: TestTill;

  beforeAll(async () => {
    pos = await startPosTestApp();
    tenant = await createTestTenant(pos.ds);
    till = await createTill(pos.ds, tenant);
  });
  afterAll(() => pos.close());

  const purchase = (key: string, body: object, apiKey = till.apiKey) =>
    request(pos.app.getHttpServer())
      .post('/pos/v1/purchases')
      .set('Authorization', `Bearer ${apiKey}`)
      .set('Idempotency-Key', key)
      .send(body);

  it('approves a purchase, debits the account and answers 201', async () => {
    const card = await createCard(pos.ds, tenant, { balance: 10_000 });
    const res = await purchase('k-approve', { cardNumber: card.cardNumber, amount: 3500, description: 'Frokost' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'approved',
      declineReason: null,
      amount: 3500,
      balance: 6500,
      message: 'Godkendt',
    });
    expect(await walletBalance(pos.ds, tenant, card.accountId)).toBe(6500);
  });

  it('replays a retry with the same key and body: 200, same answer, no second debit', async () => {
    const card = await createCard(pos.ds, tenant, { balance: 10_000 });
    const first = await purchase('k-replay', { cardNumber: card.cardNumber, amount: 1000 });
    const second = await purchase('k-replay', { cardNumber: card.cardNumber, amount: 1000 });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await walletBalance(pos.ds, tenant, card.accountId)).toBe(9000);
  });

  it('refuses the same key with another body with 422 and moves nothing', async () => {
    const card = await createCard(pos.ds, tenant, { balance: 10_000 });
    await purchase('k-reuse', { cardNumber: card.cardNumber, amount: 1000 });
    const res = await purchase('k-reuse', { cardNumber: card.cardNumber, amount: 2000 });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 422,
      title: expect.any(String),
      detail: expect.any(String),
      type: expect.any(String),
    });
    expect(await walletBalance(pos.ds, tenant, card.accountId)).toBe(9000);
  });

  it('declines an unknown card with balance null', async () => {
    const res = await purchase('k-unknown', { cardNumber: '9999999999999999', amount: 100 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'declined', declineReason: 'card_unknown', balance: null, amount: 100 });
  });
});
