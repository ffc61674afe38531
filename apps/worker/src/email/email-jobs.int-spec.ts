import { randomBytes } from 'node:crypto';
import Bull, { type Job, type Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { freePort, inTenant } from '@kk/database';
import { OutboxRelay, QUEUES, type OutboxJobData } from '@kk/jobs';
import { EmailOutbox, EmailSealer, EmailSender, SmtpMailer } from '@kk/notifications';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import { createTestTenant, openAppDataSource, testEnv, uniqueSlug } from '@kk/testing';
import { EmailDelivery } from './email-delivery';
import { reportEmailJobFailure, runEmailJob, type EmailJob } from './email-jobs';

// How a failing e-mail job ends: retried with backoff, or failed for good, never logging
// the recipient's address or the secret it carries.
const SECRET = 'the-web-apps-session-secret-for-this-test';
const prefix = `test-${randomBytes(4).toString('hex')}`;
const sender = loadTenants(defaultTenantsDir()).require('sctibs');

let ds: DataSource;
let tenant: string;
let queue: Queue<OutboxJobData>;
let deadMailer: SmtpMailer;
const logged: string[] = [];
const logger = { log: () => undefined, warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };

async function queueReset(outbox: EmailOutbox, to: string): Promise<string> {
  const id = await inTenant(ds, tenant, (tx) =>
    outbox.enqueue(tx, sender, to, 'password-reset', 'da', {
      resetUrl: 'http://sctibs.localhost/nulstil?token=hemmeligt-token',
      expiresInMinutes: 30,
    }),
  );
  await new OutboxRelay({ dataSource: ds, queues: () => queue, tenantIds: [tenant], logger }).runOnce();
  return id;
}

async function settled(id: string): Promise<Job<OutboxJobData>> {
  for (let i = 0; i < 100; i++) {
    const job = await queue.getJob(id);
    const state = await job?.getState();
    // Read again once settled: the copy above may predate the failure (attemptsMade still 0).
    if (job && (state === 'failed' || state === 'delayed')) return (await queue.getJob(id)) ?? job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${id} neither failed nor was delayed`);
}

beforeAll(async () => {
  ds = await openAppDataSource();
  tenant = await createTestTenant(ds);
  // Nothing listens on this port: every send fails with ECONNREFUSED.
  deadMailer = new SmtpMailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, from: 'no-reply@localhost' });
  const smtp = new EmailSender((from) => deadMailer.withSender(from));
  const delivery = new EmailDelivery({
    dataSource: ds,
    sealer: EmailSealer.fromSecret(SECRET),
    send: (email) => smtp.sendComposed(email),
  });
  queue = new Bull<OutboxJobData>(QUEUES.emails, testEnv().redisUrl, { prefix });
  queue.on('failed', (job, error) => reportEmailJobFailure(job as EmailJob, error, logger));
  void queue.process((job) => runEmailJob(delivery, job as EmailJob, logger));
});

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  deadMailer.close();
  await ds.destroy();
});

beforeEach(() => {
  logged.length = 0;
});

it('retries an e-mail the SMTP server would not take, with backoff, and leaves it unprocessed', async () => {
  const local = uniqueSlug('modtager');
  const id = await queueReset(new EmailOutbox(EmailSealer.fromSecret(SECRET)), `${local}@example.dk`);

  const job = await settled(id);

  expect(await job.getState()).toBe('delayed');
  expect(job.attemptsMade).toBe(1);
  expect(logged.join('\n')).toMatch(/attempt 1 of 8 failed, will retry/);
  expect(logged.join('\n')).toContain('example.dk');
  for (const secret of [local, 'hemmeligt-token']) {
    expect(logged.join('\n')).not.toContain(secret);
    expect(job.failedReason).not.toContain(secret);
  }
  const [row] = await inTenant(ds, tenant, (tx) =>
    tx.query<{ processed: boolean }>('SELECT processed_at IS NOT NULL AS processed FROM outbox WHERE id = $1', [id]),
  );
  expect(row?.processed).toBe(false);
  await job.remove();
});

it('fails an e-mail that does not open at once, into the failed set, logged without the address', async () => {
  const local = uniqueSlug('modtager');
  // Sealed under another secret: as after SESSION_SECRET was rotated with e-mails in flight.
  const id = await queueReset(new EmailOutbox(EmailSealer.fromSecret(`${SECRET}-old`)), `${local}@example.dk`);

  const job = await settled(id);

  expect(await job.getState()).toBe('failed');
  expect(job.attemptsMade).toBe(1);
  expect(logged.join('\n')).toMatch(new RegExp(`e-mail ${id} of tenant ${tenant} failed for good`));
  expect(logged.join('\n')).not.toContain(local);
});
