import request from 'supertest';
import { createCard, createTestTenant, createTill, walletBalance, type TestCard, type TestTill } from '@kk/testing';
import { startPosTestApp, type PosTestApp } from './pos-test-app';

describe('POS API tenant isolation', () => {
  let pos: PosTestApp;
  let tillA: TestTill;
  let tillB: TestTill;
  let cardB: TestCard;
  let tenantB: string;

  beforeAll(async () => {
    pos = await startPosTestApp();
    const tenantA = await createTestTenant(pos.ds);
    tenantB = await createTestTenant(pos.ds);
    tillA = await createTill(pos.ds, tenantA);
    tillB = await createTill(pos.ds, tenantB);
    cardB = await createCard(pos.ds, tenantB, { balance: 10_000 });
  });
  afterAll(() => pos.close());

  const http = () => request(pos.app.getHttpServer());

  it("does not let tenant A's till see tenant B's card", async () => {
    const res = await http().get(`/pos/v1/cards/${cardB.cardNumber}`).set('Authorization', `Bearer ${tillA.apiKey}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('Test Elev');
  });

  it("does not let tenant A's till charge tenant B's card", async () => {
    const res = await http()
      .post('/pos/v1/purchases')
      .set('Authorization', `Bearer ${tillA.apiKey}`)
      .set('Idempotency-Key', 'cross-tenant')
      .send({ cardNumber: cardB.cardNumber, amount: 100 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'declined', declineReason: 'card_unknown', balance: null });
    expect(await walletBalance(pos.ds, tenantB, cardB.accountId)).toBe(10_000);
  });

  it("does not let tenant A's till reverse tenant B's purchase", async () => {
    const bought = await http()
      .post('/pos/v1/purchases')
      .set('Authorization', `Bearer ${tillB.apiKey}`)
      .set('Idempotency-Key', 'b-own')
      .send({ cardNumber: cardB.cardNumber, amount: 100 });
    expect(bought.body.status).toBe('approved');
    const res = await http()
      .post(`/pos/v1/purchases/${bought.body.id}/reversal`)
      .set('Authorization', `Bearer ${tillA.apiKey}`);
    expect(res.status).toBe(404);
    expect(await walletBalance(pos.ds, tenantB, cardB.accountId)).toBe(9900);
  });

  it("rejects a key whose tenant part was changed to tenant B's", async () => {
    const forged = tillA.apiKey.replace(/^kk_[a-z0-9-]+_/, `kk_${tenantB}_`);
    const res = await http().get(`/pos/v1/cards/${cardB.cardNumber}`).set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
  });
});
