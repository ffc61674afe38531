import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import Bull, { type Queue } from 'bull';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { loadEnv } from '@kk/config';
import { inTenant, syncTenants } from '@kk/database';
import { enqueueOutbox } from '@kk/jobs';
import { createLogger, PinoNestLogger } from '@kk/observability';
import { minimalTenantYaml, openAppDataSource, sampleValue, testEnv, uniqueSlug, writeTenantsDir } from '@kk/testing';
import { startWorker, type WorkerHandle } from '../../apps/worker/src/main';
import { startWorkerOps, type WorkerOps } from '../../apps/worker/src/ops/worker-ops-server';

const silent = new PinoNestLogger(createLogger({ app: 'worker', level: 'silent' }));

/** A tenants folder holding one minimal, valid tenant. */
function tenantsFolder(slug: string): string {
  return writeTenantsDir([
    { slug, config: minimalTenantYaml(slug, { displayName: 'Ops test', hosts: [`${slug}.ops-test.localhost`] }) },
  ]);
}

const lowBalance = () => ({ accountId: randomUUID(), purchaseId: randomUUID(), balance: 100 });

describe('the worker started with its ops listener', () => {
  let worker: WorkerHandle;
  let tenantsDir: string;

  beforeAll(async () => {
    const slug = uniqueSlug('wo');
    tenantsDir = tenantsFolder(slug);
    const { adminUrl, redisUrl, appPassword } = testEnv();
    const env = loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: adminUrl,
      APP_DB_PASSWORD: appPassword,
      REDIS_URL: redisUrl,
      WORKER_OPS_PORT: '0',
    });
    worker = await startWorker({ env, tenantsDir, relayIntervalMs: 50 });
  });
  afterAll(async () => {
    await worker.stop();
    rmSync(tenantsDir, { recursive: true, force: true });
  });

  it('answers the probes and the scrape on WORKER_OPS_PORT, and stops them with the worker', async () => {
    expect(worker.opsUrl).toMatch(/^http:\/\/localhost:\d+$/);
    const live = await request(worker.opsUrl).get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok' });
    const ready = await request(worker.opsUrl).get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    const metrics = await request(worker.opsUrl).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; (charset=utf-8; )?version=0\.0\.4/);
    expect(metrics.text).toMatch(/^# TYPE outbox_backlog gauge$/m);
    expect(metrics.text).toMatch(/^queue_jobs\{queue="balance-events",state="waiting"\} \d+$/m);
    await request(worker.opsUrl).get('/anything-else').expect(404);
  });
});

describe('the worker ops listener, on throw-away sources', () => {
  let ds: DataSource;
  let queue: Queue;
  let ops: WorkerOps;
  let slug: string;

  beforeAll(async () => {
    slug = uniqueSlug('wo');
    ds = await openAppDataSource(2);
    await syncTenants(ds, [{ slug, name: 'Ops test' }]);
    // A queue of this file's own prefix: nothing else adds to it or takes from it.
    queue = new Bull(`ops-test-${slug}`, testEnv().redisUrl, { prefix: `ops-${slug}` });
    ops = await startWorkerOps({
      port: 0,
      dataSource: ds,
      tenantIds: [slug],
      queues: new Map([['ops-test', queue]]),
      redis: queue.client,
      logger: silent,
    });
  });
  afterAll(async () => {
    await ops.close();
    await queue.close().catch(() => undefined);
    if (ds.isInitialized) await ds.destroy();
  });

  it('reports unsent outbox rows per tenant, read under its RLS, and Bull job counts by state', async () => {
    await inTenant(ds, slug, async (tx) => {
      await enqueueOutbox(tx, 'wallet.low_balance', lowBalance());
      await enqueueOutbox(tx, 'wallet.low_balance', lowBalance());
    });
    await queue.add({ n: 1 });
    await queue.add({ n: 2 }, { delay: 60_000 });
    const { text } = await request(ops.url).get('/metrics').expect(200);
    expect(sampleValue(text, 'outbox_backlog', { tenant: slug })).toBe(2);
    expect(sampleValue(text, 'queue_jobs', { queue: 'ops-test', state: 'waiting' })).toBe(1);
    expect(sampleValue(text, 'queue_jobs', { queue: 'ops-test', state: 'delayed' })).toBe(1);
    expect(sampleValue(text, 'queue_jobs', { queue: 'ops-test', state: 'failed' })).toBe(0);
  });

  it('is not ready once Redis is disconnected, nor once the data source is destroyed', async () => {
    await request(ops.url).get('/health/ready').expect(200);
    await queue.close();
    const redisDown = await request(ops.url).get('/health/ready').expect(503);
    expect(redisDown.body).toMatchObject({
      status: 'error',
      error: { redis: { status: 'down' } },
      info: { database: { status: 'up' } },
    });
    await ds.destroy();
    const bothDown = await request(ops.url).get('/health/ready').expect(503);
    expect(bothDown.body.error).toMatchObject({ database: { status: 'down' }, redis: { status: 'down' } });
    // The scrape still answers, without the gauges it cannot read.
    const { text } = await request(ops.url).get('/metrics').expect(200);
    expect(text).not.toMatch(/^outbox_backlog\{/m);
    await request(ops.url).get('/health/live').expect(200);
  });
});
