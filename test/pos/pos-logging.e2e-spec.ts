import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createPosApp } from '../../apps/pos/src/create-pos-app';
import {
  captureLogs,
  createCard,
  createTestTenant,
  createTill,
  openAppDataSource,
  type LogCapture,
  type TestCard,
  type TestTill,
} from '@kk/testing';
import { TEST_LOW_BALANCE_THRESHOLD } from './pos-test-app';

/** The POS app's JSON request lines, read from a log destination of the test's own. */
describe('POS request logs', () => {
  let ds: DataSource;
  let app: NestFastifyApplication;
  let logs: LogCapture;
  let tenant: string;
  let till: TestTill;
  let card: TestCard;

  beforeAll(async () => {
    ds = await openAppDataSource(2);
    logs = captureLogs();
    app = await createPosApp({
      dataSource: ds,
      rateLimitPerMinute: 1_000,
      lowBalanceThreshold: () => TEST_LOW_BALANCE_THRESHOLD,
      log: { level: 'debug', destination: logs.destination },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    tenant = await createTestTenant(ds);
    till = await createTill(ds, tenant);
    card = await createCard(ds, tenant, { balance: 5_000 });
  });
  afterAll(async () => {
    await app.close();
    await ds.destroy();
  });

  const http = () => request(app.getHttpServer());
  const requestLine = (id: string) =>
    logs.waitFor((line) => line.reqId === id && typeof line.res === 'object' && line.msg === 'request completed');

  it('logs a card lookup with request id, tenant and till, the card number and the key redacted', async () => {
    await http()
      .get(`/pos/v1/cards/${card.cardNumber}`)
      .set('Authorization', `Bearer ${till.apiKey}`)
      .set('X-Request-Id', 'lookup-1')
      .expect(200);
    const line = await requestLine('lookup-1');
    expect(line).toMatchObject({
      app: 'pos',
      reqId: 'lookup-1',
      tenant,
      tillId: till.tillId,
      req: {
        id: 'lookup-1',
        method: 'GET',
        url: '/pos/v1/cards/[Redacted]',
        headers: expect.objectContaining({ authorization: '[Redacted]' }),
      },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(typeof line.time).toBe('string');
  });

  it('redacts whatever stands in the card number segment, a malformed number too', async () => {
    await http()
      .get('/pos/v1/cards/AB12-cd34')
      .set('Authorization', `Bearer ${till.apiKey}`)
      .set('X-Request-Id', 'lookup-2')
      .expect(404);
    expect(await requestLine('lookup-2')).toMatchObject({ req: { url: '/pos/v1/cards/[Redacted]' } });
    expect(logs.text()).not.toContain('AB12-cd34');
  });

  it('logs a purchase without its body: no card number, CPR or password reaches the log', async () => {
    await http()
      .post('/pos/v1/purchases')
      .set('Authorization', `Bearer ${till.apiKey}`)
      .set('Idempotency-Key', 'log-1')
      .set('X-Request-Id', 'purchase-1')
      .send({ cardNumber: card.cardNumber, amount: 100 })
      .expect(201);
    await http()
      .post('/pos/v1/purchases')
      .set('Authorization', `Bearer ${till.apiKey}`)
      .set('Idempotency-Key', 'log-2')
      .set('X-Request-Id', 'purchase-2')
      .send({ cardNumber: card.cardNumber, amount: 100, cpr: '1505801234', password: 'hemmeligt-kodeord' })
      .expect(400);
    expect(await requestLine('purchase-1')).toMatchObject({ tenant, tillId: till.tillId, res: { statusCode: 201 } });
    expect(await requestLine('purchase-2')).toMatchObject({ tenant, res: { statusCode: 400 } });
  });

  it('never wrote a till key, card number, CPR or password, over this whole file', () => {
    const text = logs.text();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [till.apiKey, till.apiKey.slice(-20), card.cardNumber, '1505801234', 'hemmeligt-kodeord']) {
      expect(text).not.toContain(secret);
    }
  });
});
