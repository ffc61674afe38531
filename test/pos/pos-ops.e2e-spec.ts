import request from 'supertest';
import { createPosApp } from '../../apps/pos/src/create-pos-app';
import {
  createCard,
  createTestTenant,
  createTill,
  openAppDataSource,
  sampleValue,
  type TestCard,
  type TestTill,
} from '@kk/testing';
import { startPosTestApp, TEST_LOW_BALANCE_THRESHOLD, type PosTestApp } from './pos-test-app';

/** /metrics, /health/live and /health/ready on the POS app: without a till key, outside /pos/v1. */
describe('POS operations endpoints', () => {
  let pos: PosTestApp;
  let tenant: string;
  let till: TestTill;
  let card: TestCard;
  let keyCounter = 0;

  beforeAll(async () => {
    pos = await startPosTestApp();
    tenant = await createTestTenant(pos.ds);
    till = await createTill(pos.ds, tenant);
    card = await createCard(pos.ds, tenant, { balance: 10_000 });
  });
  afterAll(() => pos.close());

  const http = () => request(pos.app.getHttpServer());
  const scrape = async (): Promise<string> => {
    const res = await http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return res.text;
  };
  const buy = (body: object, key = `ops-${++keyCounter}`) =>
    http()
      .post('/pos/v1/purchases')
      .set('Authorization', `Bearer ${till.apiKey}`)
      .set('Idempotency-Key', key)
      .send(body);
  const decisions = (text: string, outcome: string, reason: string): number =>
    sampleValue(text, 'pos_decisions_total', { tenant, outcome, reason });

  it('serves Prometheus text with the process metrics and the request counter by route pattern', async () => {
    await http().get(`/pos/v1/cards/${card.cardNumber}`).set('Authorization', `Bearer ${till.apiKey}`).expect(200);
    const text = await scrape();
    expect(text).toMatch(/^# HELP process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^# TYPE http_requests_total counter$/m);
    const labels = { method: 'GET', route: '/pos/v1/cards/:cardNumber', status: '200' };
    expect(sampleValue(text, 'http_requests_total', labels)).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'http_request_duration_seconds_count', labels)).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(card.cardNumber);
    expect(text).not.toMatch(/route="\/pos\/v1\/cards\/\d/);
  });

  it('labels a request that matched no route as unmatched, never by its URL', async () => {
    await http().get('/pos/v1/nowhere/1505801234').expect(404);
    const text = await scrape();
    expect(sampleValue(text, 'http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('1505801234');
  });

  it('counts each purchase decision by tenant, outcome and reason, and a retry as replayed', async () => {
    const poor = await createCard(pos.ds, tenant, { balance: 50 });
    const before = await scrape();
    await buy({ cardNumber: card.cardNumber, amount: 100 }, 'ops-approved').expect(201);
    await buy({ cardNumber: poor.cardNumber, amount: 100 }).expect(201);
    await buy({ cardNumber: card.cardNumber, amount: 100 }, 'ops-approved').expect(200);
    await buy({ cardNumber: '9999888877776666', amount: 100 }).expect(201);
    const after = await scrape();
    expect(decisions(after, 'approved', 'none') - decisions(before, 'approved', 'none')).toBe(1);
    expect(
      decisions(after, 'declined', 'insufficient_funds') - decisions(before, 'declined', 'insufficient_funds'),
    ).toBe(1);
    expect(decisions(after, 'replayed', 'none') - decisions(before, 'replayed', 'none')).toBe(1);
    expect(decisions(after, 'declined', 'card_unknown') - decisions(before, 'declined', 'card_unknown')).toBe(1);
    expect(after).not.toContain(poor.cardNumber);
  });

  it('answers liveness and readiness without a till key, and does not count probes as traffic', async () => {
    const live = await http().get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
    expect(ready.headers['cache-control']).toBe('no-store');
    const text = await scrape();
    expect(text).not.toMatch(/route="\/(health|metrics)/);
  });

  it('echoes a well-formed X-Request-Id and replaces any other with a fresh one', async () => {
    const mine = await http().get('/health/live').set('X-Request-Id', 'till-7:abc.123').expect(200);
    expect(mine.headers['x-request-id']).toBe('till-7:abc.123');
    const bad = await http().get('/pos/v1/openapi.json').set('X-Request-Id', 'no spaces <here>').expect(200);
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await http().post('/pos/v1/purchases').expect(401);
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('POS readiness with its database gone', () => {
  it('answers 503 with terminus error body once the data source is destroyed, liveness still 200', async () => {
    const ds = await openAppDataSource(2);
    const app = await createPosApp({
      dataSource: ds,
      rateLimitPerMinute: 1_000,
      lowBalanceThreshold: () => TEST_LOW_BALANCE_THRESHOLD,
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const server = app.getHttpServer();
      await request(server).get('/health/ready').expect(200);
      await ds.destroy();
      const res = await request(server).get('/health/ready').expect(503);
      expect(res.body).toEqual({
        status: 'error',
        info: {},
        error: { database: expect.objectContaining({ status: 'down' }) },
        details: { database: expect.objectContaining({ status: 'down' }) },
      });
      await request(server).get('/health/live').expect(200);
    } finally {
      await app.close();
      if (ds.isInitialized) await ds.destroy();
    }
  });
});
