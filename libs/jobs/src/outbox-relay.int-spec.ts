import { randomBytes, randomUUID } from 'node:crypto';
import Bull, { type Queue } from 'bull';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { freePort, inTenant } from '@kk/database';
import { createTestTenant, openAdminClient, openAppDataSource, testEnv } from '@kk/testing';
import { enqueueOutbox } from './outbox';
import { OutboxRelay, type OutboxRelayOptions, type RelayLogger } from './outbox-relay';
import { QUEUES, type OutboxJobData, type WalletLowBalancePayload } from './queues';

// A prefix of its own keeps this file's jobs apart from any other file's on the shared Redis.
const prefix = `test-${randomBytes(4).toString('hex')}`;

let ds: DataSource;
let admin: Client;
let tenantA: string;
let tenantB: string;
let queue: Queue<OutboxJobData>;
const extraQueues: Queue<OutboxJobData>[] = [];

function lowBalance(balance: number): WalletLowBalancePayload {
  return { accountId: randomUUID(), purchaseId: randomUUID(), balance };
}

async function writeEvents(tenantId: string, count: number): Promise<string[]> {
  return inTenant(ds, tenantId, async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await enqueueOutbox(tx, 'wallet.low_balance', lowBalance(1000 + i)));
    return ids;
  });
}

async function unsentIds(tenantId: string): Promise<string[]> {
  const rows = await inTenant(ds, tenantId, (tx) =>
    tx.query<{ id: string }>('SELECT id FROM outbox WHERE sent_at IS NULL ORDER BY created_at'),
  );
  return rows.map((r) => r.id);
}

async function jobCount(q: Queue = queue): Promise<number> {
  const counts = await q.getJobCounts();
  return counts.waiting + counts.active + counts.completed + counts.failed + counts.delayed;
}

function relay(tenantIds: readonly string[], extra: Partial<OutboxRelayOptions> = {}): OutboxRelay {
  return new OutboxRelay({
    dataSource: ds,
    // Every topic routes to balance-events today.
    queues: () => queue,
    tenantIds,
    logger: silentLogger(),
    ...extra,
  });
}

function silentLogger(): RelayLogger & { warnings: string[]; errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  return { warnings, errors, log: () => undefined, warn: (m) => warnings.push(m), error: (m) => errors.push(m) };
}

beforeAll(async () => {
  ds = await openAppDataSource();
  admin = await openAdminClient();
  tenantA = await createTestTenant(ds);
  tenantB = await createTestTenant(ds);
  queue = new Bull<OutboxJobData>(QUEUES.balanceEvents, testEnv().redisUrl, { prefix });
});

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  for (const q of extraQueues) await q.close();
  await admin.end();
  await ds.destroy();
});

beforeEach(async () => {
  // Each test starts with an empty queue and no unsent rows left by the one before.
  await queue.empty();
  await queue.clean(0, 'completed');
  await queue.clean(0, 'failed');
  for (const tenant of [tenantA, tenantB]) {
    await admin.query('UPDATE outbox SET sent_at = now() WHERE tenant_id = $1 AND sent_at IS NULL', [tenant]);
  }
});

describe('OutboxRelay', () => {
  it('turns unsent rows into jobs whose id is the outbox id, and marks them sent', async () => {
    const ids = await writeEvents(tenantA, 3);

    const result = await relay([tenantA]).runOnce();

    expect(result).toEqual({ relayed: 3, reenqueued: 0, failures: [], backlog: false });
    for (const id of ids) {
      const job = await queue.getJob(id);
      expect(job?.id).toBe(id);
      expect(job?.data).toMatchObject({ tenantId: tenantA, outboxId: id, topic: 'wallet.low_balance' });
      expect(job?.data.payload).toEqual(expect.objectContaining({ balance: expect.any(Number) }));
      expect(new Date(job?.data.createdAt ?? '').getTime()).not.toBeNaN();
    }
    expect(await unsentIds(tenantA)).toEqual([]);
  });

  it('adds nothing when run again', async () => {
    await writeEvents(tenantA, 2);
    const r = relay([tenantA]);

    expect((await r.runOnce()).relayed).toBe(2);
    expect((await r.runOnce()).relayed).toBe(0);
    expect(await jobCount()).toBe(2);
  });

  it('does not add a second job when rows are relayed again after a crash', async () => {
    const ids = await writeEvents(tenantA, 3);
    await relay([tenantA]).runOnce();
    // As if the relay died after adding the jobs but before its commit.
    await admin.query('UPDATE outbox SET sent_at = NULL WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantA, ids]);

    const again = await relay([tenantA]).runOnce();

    expect(again.relayed).toBe(3);
    expect(await jobCount()).toBe(3);
    expect(await unsentIds(tenantA)).toEqual([]);
  });

  it("never reads another tenant's rows", async () => {
    const idsB = await writeEvents(tenantB, 2);
    const idsA = await writeEvents(tenantA, 1);

    const result = await relay([tenantA]).runOnce();

    expect(result.relayed).toBe(1);
    expect(await queue.getJob(idsA[0] ?? '')).not.toBeNull();
    for (const id of idsB) expect(await queue.getJob(id)).toBeNull();
    expect(await unsentIds(tenantB)).toEqual(idsB);
  });

  it('stamps each job with the tenant that wrote the row', async () => {
    const [idA] = await writeEvents(tenantA, 1);
    const [idB] = await writeEvents(tenantB, 1);

    await relay([tenantA, tenantB]).runOnce();

    expect((await queue.getJob(idA ?? ''))?.data.tenantId).toBe(tenantA);
    expect((await queue.getJob(idB ?? ''))?.data.tenantId).toBe(tenantB);
  });

  it('shares rows between concurrent relays without adding any twice', async () => {
    await writeEvents(tenantA, 40);

    const results = await Promise.all([relay([tenantA]).runOnce(), relay([tenantA]).runOnce()]);

    expect(results.reduce((sum, r) => sum + r.relayed, 0)).toBe(40);
    expect(await jobCount()).toBe(40);
  });

  it('reports a backlog when a batch is full, and drains it batch by batch', async () => {
    await writeEvents(tenantA, 5);
    const r = relay([tenantA], { batchSize: 2 });

    expect(await r.runOnce()).toMatchObject({ relayed: 2, backlog: true });
    expect(await r.runOnce()).toMatchObject({ relayed: 2, backlog: true });
    expect(await r.runOnce()).toMatchObject({ relayed: 1, backlog: false });
    expect(await unsentIds(tenantA)).toEqual([]);
  });

  it('keeps rows with an unknown topic and warns about them once', async () => {
    const [id] = await inTenant(ds, tenantA, (tx) =>
      tx.query<{ id: string }>(
        "INSERT INTO outbox (tenant_id, topic, payload) VALUES ($1, 'from.the.future', '{}') RETURNING id",
        [tenantA],
      ),
    );
    const logger = silentLogger();
    const r = relay([tenantA], { logger, unknownTopicCheckMs: 0 });

    await r.runOnce();
    await r.runOnce();

    expect(await unsentIds(tenantA)).toEqual([id?.id]);
    expect(await jobCount()).toBe(0);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('from.the.future');
  });

  it('leaves rows unsent and keeps going while Redis is unreachable', async () => {
    const ids = await writeEvents(tenantA, 2);
    // Retrying keeps the adds waiting in ioredis's offline queue, as with Bull's defaults;
    // the short delays only keep ioredis's reconnect and disconnect timers (up to 20 s and
    // 2 s by default, left running by close()) from holding jest open.
    const unreachable = new Bull<OutboxJobData>(QUEUES.balanceEvents, `redis://127.0.0.1:${await freePort()}`, {
      prefix,
      redis: { retryStrategy: () => 50, disconnectTimeout: 50 },
    });
    extraQueues.push(unreachable);
    const logger = silentLogger();
    const r = relay([tenantA, tenantB], {
      queues: () => unreachable,
      enqueueTimeoutMs: 300,
      intervalMs: 50,
      logger,
    });

    const result = await r.runOnce();
    expect(result.relayed).toBe(0);
    expect(result.failures.map((f) => f.tenantId)).toEqual([tenantA]);
    expect(await unsentIds(tenantA)).toEqual(ids);

    // The timer loop survives failing passes and stops cleanly.
    r.start();
    await new Promise((done) => setTimeout(done, 700));
    await r.stop();
    expect(await unsentIds(tenantA)).toEqual(ids);
    expect(logger.errors.length).toBeGreaterThanOrEqual(1);

    // Once a queue answers again, the backlog drains.
    expect((await relay([tenantA]).runOnce()).relayed).toBe(2);
  });

  it('relays on its own timer until stopped', async () => {
    const r = relay([tenantA], { intervalMs: 50 });
    r.start();
    const ids = await writeEvents(tenantA, 3);
    for (let i = 0; i < 100 && (await unsentIds(tenantA)).length > 0; i++) {
      await new Promise((done) => setTimeout(done, 20));
    }
    await r.stop();

    expect(await unsentIds(tenantA)).toEqual([]);
    for (const id of ids) expect(await queue.getJob(id)).not.toBeNull();
  });
});
