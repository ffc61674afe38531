import request from 'supertest';
import { generateTillKey } from '@kk/pos-authorization';
import { createCard, createTestTenant, createTill, type TestCard, type TestTill } from '@kk/testing';
import { startPosTestApp, type PosTestApp } from './pos-test-app';

/** Failed authentications per client address: key guessing ends in 429s, good tills keep selling. */
describe('POS API v1 failed-authentication limit', () => {
  let pos: PosTestApp;
  let tenant: string;
  let till: TestTill;
  let card: TestCard;
  let keyCounter = 0;

  beforeAll(async () => {
    pos = await startPosTestApp();
    tenant = await createTestTenant(pos.ds);
    till = await createTill(pos.ds, tenant);
    card = await createCard(pos.ds, tenant, { balance: 100_000 });
  });
  afterAll(() => pos.close());

  const buy = (app: PosTestApp, apiKey: string, headers: Record<string, string> = {}) =>
    request(app.app.getHttpServer())
      .post('/pos/v1/purchases')
      .set({ ...headers, Authorization: `Bearer ${apiKey}`, 'Idempotency-Key': `fa-${++keyCounter}` })
      .send({ cardNumber: card.cardNumber, amount: 100 });
  const bogusKeys = (n: number) => Array.from({ length: n }, () => generateTillKey(tenant));

  it('answers 429 with Retry-After after 20 failures from one address, spoofed X-Forwarded-For or not; a known till still buys', async () => {
    expect((await buy(pos, till.apiKey)).status).toBe(201);
    const statuses: number[] = [];
    for (const [i, key] of bogusKeys(20).entries()) {
      // With the default trustProxy (false) a client cannot choose the address that is counted.
      statuses.push((await buy(pos, key, { 'X-Forwarded-For': `198.51.100.${i}` })).status);
    }
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 401));

    for (const key of [...bogusKeys(1), 'nonsense']) {
      const refused = await buy(pos, key, { 'X-Forwarded-For': '198.51.100.250' });
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 429, type: expect.stringMatching(/failed-authentications$/) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    const refusedWithoutKey = await request(pos.app.getHttpServer()).get('/pos/v1/cards/1');
    expect(refusedWithoutKey.status).toBe(429);

    expect((await buy(pos, till.apiKey)).status).toBe(201);
  });

  it('counts each forwarded client separately when the proxy in front is trusted', async () => {
    const behindProxy = await startPosTestApp({ trustProxy: true, failedAuthLimitPerMinute: 2, poolSize: 1 });
    try {
      const from = (address: string) => ({ 'X-Forwarded-For': address });
      expect((await buy(behindProxy, bogusKeys(1)[0], from('203.0.113.1'))).status).toBe(401);
      expect((await buy(behindProxy, bogusKeys(1)[0], from('203.0.113.1'))).status).toBe(401);
      expect((await buy(behindProxy, bogusKeys(1)[0], from('203.0.113.1'))).status).toBe(429);
      expect((await buy(behindProxy, bogusKeys(1)[0], from('203.0.113.2'))).status).toBe(401);
    } finally {
      await behindProxy.close();
    }
  });
});
