import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { sampleValue } from '@kk/testing';
import { createWebApp } from '../../apps/web/src/web-app.factory';
import { startPortalTestApp, type PortalTestApp } from './portal-test-app';

/** /metrics, /health/live and /health/ready on the portal: on any host, without a session. */
describe('portal operations endpoints (public pages only)', () => {
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await createWebApp({ logger: false });
  });
  afterAll(() => app.close());

  const get = (path: string, host = 'sctibs.localhost') => request(app.getHttpServer()).get(path).set('Host', host);

  it('serves Prometheus text with the request counter by route pattern, not by URL', async () => {
    await get('/').expect(200);
    await get('/theme/logo.svg').expect(200);
    await get('/nothing/here/1505801234').expect(404);
    await get('/', 'unknown.localhost').expect(404);
    const res = await get('/metrics', 'localhost:3000').expect(200);
    // The Prometheus text format (Express puts the charset parameter first).
    expect(res.headers['content-type']).toMatch(/^text\/plain; (charset=utf-8; )?version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(
      sampleValue(text, 'http_requests_total', { method: 'GET', route: '/', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'http_requests_total', { route: '/theme/:file', status: '200' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sampleValue(text, 'http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('1505801234');
    expect(text).not.toContain('logo.svg');
  });

  it.each(['sctibs.localhost', 'unknown.localhost', 'localhost:3000'])('answers the probes on %p', async (host) => {
    const live = await get('/health/live', host).expect(200);
    expect(live.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
    expect(live.headers['cache-control']).toBe('no-store');
    // Without the signed-in pages the portal depends on nothing.
    await get('/health/ready', host).expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    await get('/health', host).expect(200, { status: 'ok' });
  });

  it('does not count probes and scrapes as traffic, and echoes X-Request-Id', async () => {
    const res = await get('/health/live').set('X-Request-Id', 'lb-probe-1').expect(200);
    expect(res.headers['x-request-id']).toBe('lb-probe-1');
    const page = await get('/').set('X-Request-Id', 'x'.repeat(200)).expect(200);
    expect(page.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const text = (await get('/metrics').expect(200)).text;
    expect(text).not.toMatch(/route="\/(health|metrics)/);
  });
});

describe('portal readiness with the signed-in pages', () => {
  let portal: PortalTestApp;
  beforeAll(async () => {
    portal = await startPortalTestApp();
  });
  afterAll(() => portal.close());

  it('is ready with the database and Redis up, and answers 503 once the data source is destroyed', async () => {
    const server = portal.app.getHttpServer();
    const ready = await request(server).get('/health/ready').set('Host', portal.emailTenant.hosts[0]).expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, redis: { status: 'up' } },
    });
    await portal.ds.destroy();
    const down = await request(server).get('/health/ready').expect(503);
    expect(down.body).toEqual({
      status: 'error',
      info: { redis: expect.objectContaining({ status: 'up' }) },
      error: { database: expect.objectContaining({ status: 'down' }) },
      details: {
        database: expect.objectContaining({ status: 'down' }),
        redis: expect.objectContaining({ status: 'up' }),
      },
    });
    expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|postgres/i);
    await request(server).get('/health/live').expect(200);
  });
});
