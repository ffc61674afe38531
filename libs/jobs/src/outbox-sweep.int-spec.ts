import { randomBytes, randomUUID } from 'node:crypto';
import Bull, { type Queue } from 'bull';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { createTestTenant, openAdminClient, openAppDataSource, testEnv } from '@kk/testing';
import { enqueueOutbox } from './outbox';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
import { QUEUES, type OutboxJobData, type SealedEmailPayload } from './queues';

// T15: jobs Redis lost after the relay marked their rows sent come back through the sweep.
const prefix = `test-${randomBytes(4).toString('hex')}`;

let ds: DataSource;
let admin: Client;
let tenant: string;
let queue: Queue<OutboxJobData>;

// No processor runs in this file, so the payload need not open.
const SEALED: SealedEmailPayload = { version: 1, iv: 'aXY', ciphertext: 'Y3Q', tag: 'dGFn' };

function writeEmails(count: number): Promise<string[]> {
  return inTenant(ds, tenant, async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await enqueueOutbox(tx, 'email.send', SEALED));
    return ids;
  });
}

function relay(extra: Partial<OutboxRelayOptions> = {}): OutboxRelay {
  return new OutboxRelay({
    dataSource: ds,
    queues: () => queue,
    tenantIds: [tenant],
    sweepEveryMs: 0,
    logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    ...extra,
  });
}

/** As if the relay had marked the rows sent that long ago. */
async function sentMinutesAgo(ids: readonly string[], minutes: number): Promise<void> {
  await admin.query(
    `UPDATE outbox SET sent_at = now() - make_interval(mins => $3) WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenant, ids, minutes],
  );
}

async function sentAt(id: string): Promise<Date> {
  const { rows } = await admin.query<{ sent_at: Date }>('SELECT sent_at FROM outbox WHERE tenant_id = $1 AND id = $2', [
    tenant,
    id,
  ]);
  return rows[0].sent_at;
}

async function jobIds(): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
  return jobs.map((job) => String(job.id)).sort();
}

beforeAll(async () => {
  ds = await openAppDataSource();
  admin = await openAdminClient();
  queue = new Bull<OutboxJobData>(QUEUES.emails, testEnv().redisUrl, { prefix });
});

beforeEach(async () => {
  // A tenant per test: no row of one test is swept by the next.
  tenant = await createTestTenant(ds);
  await queue.empty();
});

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await admin.end();
  await ds.destroy();
});

describe('the outbox sweep', () => {
  it('adds a job again when Redis lost it after the row was marked sent', async () => {
    const [id] = await writeEmails(1);
    await relay().runOnce();
    expect(await jobIds()).toEqual([id]);
    // Redis restarts without AOF: the waiting job is gone, the row says sent.
    await queue.empty();
    expect(await queue.getJob(id)).toBeNull();
    await sentMinutesAgo([id], 10);

    const pass = await relay().runOnce();

    expect(pass).toMatchObject({ relayed: 0, reenqueued: 1, failures: [] });
    expect((await queue.getJob(id))?.data).toMatchObject({ tenantId: tenant, outboxId: id, topic: 'email.send' });
    // The wait restarts, so the next pass does not look again at once.
    expect(Date.now() - (await sentAt(id)).getTime()).toBeLessThan(60_000);
  });

  it('adds a job for a row marked sent that never reached Redis', async () => {
    const [id] = await writeEmails(1);
    await sentMinutesAgo([id], 10);

    expect((await relay().runOnce()).reenqueued).toBe(1);
    expect(await jobIds()).toEqual([id]);
  });

  it('leaves a job Redis still has alone, and looks again only after the wait', async () => {
    const [id] = await writeEmails(1);
    await relay().runOnce();
    await sentMinutesAgo([id], 10);

    expect((await relay().runOnce()).reenqueued).toBe(0);
    expect(await jobIds()).toEqual([id]);
    expect(Date.now() - (await sentAt(id)).getTime()).toBeLessThan(60_000);
  });

  it('never sweeps processed, recently sent or old rows', async () => {
    const [processed, recent, old] = await writeEmails(3);
    await sentMinutesAgo([processed, old], 10);
    await sentMinutesAgo([recent], 1);
    await admin.query('UPDATE outbox SET processed_at = now() WHERE tenant_id = $1 AND id = $2', [tenant, processed]);
    await admin.query(`UPDATE outbox SET created_at = now() - interval '8 days' WHERE tenant_id = $1 AND id = $2`, [
      tenant,
      old,
    ]);

    expect((await relay().runOnce()).reenqueued).toBe(0);
    expect(await jobIds()).toEqual([]);
  });

  it('sweeps a low-balance event whose top-up never finished (its job lost with Redis)', async () => {
    const lowBalance = await inTenant(ds, tenant, (tx) =>
      enqueueOutbox(tx, 'wallet.low_balance', { accountId: randomUUID(), purchaseId: randomUUID(), balance: 100 }),
    );
    await relay().runOnce();
    await queue.empty();
    await sentMinutesAgo([lowBalance], 10);

    expect((await relay().runOnce()).reenqueued).toBe(1);
    expect((await queue.getJob(lowBalance))?.data).toMatchObject({ outboxId: lowBalance, topic: 'wallet.low_balance' });
  });

  it('sweeps a bounded batch per pass and drains the rest pass by pass', async () => {
    const ids = await writeEmails(5);
    await sentMinutesAgo(ids, 10);
    const r = relay({ sweepBatchSize: 2 });

    expect(await r.runOnce()).toMatchObject({ reenqueued: 2, backlog: true });
    expect(await r.runOnce()).toMatchObject({ reenqueued: 2, backlog: true });
    expect(await r.runOnce()).toMatchObject({ reenqueued: 1, backlog: false });
    expect(await jobIds()).toEqual([...ids].sort());
  });

  it('sweeps each tenant at most every sweepEveryMs', async () => {
    const r = relay({ sweepEveryMs: 60_000 });
    await r.runOnce();
    const [id] = await writeEmails(1);
    await sentMinutesAgo([id], 10);

    expect((await r.runOnce()).reenqueued).toBe(0);
    expect((await relay().runOnce()).reenqueued).toBe(1);
  });
});
