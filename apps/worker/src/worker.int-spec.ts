import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import Bull, { type Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { loadEnv } from '@kk/config';
import { inTenant, syncTenants } from '@kk/database';
import { QUEUES, enqueueOutbox, type OutboxJobData } from '@kk/jobs';
import { minimalTenantYaml, openAppDataSource, testEnv, uniqueSlug, writeTenantsDir } from '@kk/testing';
import { startWorker, type WorkerHandle } from './main';

let tenantsDir: string;
let slug: string;
let ds: DataSource;
let queue: Queue<OutboxJobData>;
let worker: WorkerHandle | undefined;

beforeAll(async () => {
  slug = uniqueSlug('w');
  tenantsDir = writeTenantsDir([{ slug, config: minimalTenantYaml(slug, { displayName: 'Worker test' }) }]);
  ds = await openAppDataSource();
  await syncTenants(ds, [{ slug, name: 'Worker test' }]);
  // The worker uses Bull's default prefix; job ids are outbox ids, unique to this file.
  queue = new Bull<OutboxJobData>(QUEUES.balanceEvents, testEnv().redisUrl);
});

afterAll(async () => {
  await worker?.stop();
  await queue.close();
  await ds.destroy();
  rmSync(tenantsDir, { recursive: true, force: true });
});

it('relays outbox rows of the configured tenants into their queues, and stops cleanly', async () => {
  const { adminUrl, redisUrl, appPassword } = testEnv();
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: adminUrl,
    APP_DB_PASSWORD: appPassword,
    REDIS_URL: redisUrl,
    WORKER_OPS_PORT: '0',
  });
  worker = await startWorker({ env, tenantsDir, relayIntervalMs: 50 });

  const id = await inTenant(ds, slug, (tx) =>
    enqueueOutbox(tx, 'wallet.low_balance', { accountId: randomUUID(), purchaseId: randomUUID(), balance: 1200 }),
  );
  let job = await queue.getJob(id);
  for (let i = 0; i < 100 && !job; i++) {
    await new Promise((done) => setTimeout(done, 20));
    job = await queue.getJob(id);
  }

  expect(job?.data).toMatchObject({ tenantId: slug, outboxId: id, topic: 'wallet.low_balance' });
  await worker.stop();
  worker = undefined;
  const [row] = await inTenant(ds, slug, (tx) =>
    tx.query<{ sent: boolean }>('SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE id = $1', [id]),
  );
  expect(row?.sent).toBe(true);
  await job?.remove();
});
