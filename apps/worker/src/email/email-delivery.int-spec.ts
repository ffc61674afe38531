import { randomBytes } from 'node:crypto';
import Bull, { type Queue } from 'bull';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { OutboxRelay, QUEUES, type OutboxJobData, type OutboxRelayOptions } from '@kk/jobs';
import { EmailOutbox, EmailSealer, EmailSender, SmtpMailer } from '@kk/notifications';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import {
  createTestTenant,
  openAdminClient,
  openAppDataSource,
  startSmtpCatcher,
  testEnv,
  uniqueSlug,
  type SmtpCatcher,
} from '@kk/testing';
import { EmailDelivery } from './email-delivery';
import { runEmailJob, type EmailJob } from './email-jobs';

// The worker's e-mail path end to end: outbox row -> relay -> Bull -> EmailDelivery -> SMTP.
const SECRET = 'the-web-apps-session-secret-for-this-test';
const prefix = `test-${randomBytes(4).toString('hex')}`;
const sender = loadTenants(defaultTenantsDir()).require('sctibs');
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

let ds: DataSource;
let admin: Client;
let tenantA: string;
let tenantB: string;
let catcher: SmtpCatcher;
let mailer: SmtpMailer;
let queue: Queue<OutboxJobData>;
let delivery: EmailDelivery;
const outbox = new EmailOutbox(EmailSealer.fromSecret(SECRET));

const address = (): string => `${uniqueSlug('modtager')}@example.dk`;

function queueReset(tenantId: string, to: string, token = 'token-123'): Promise<string> {
  return inTenant(ds, tenantId, (tx) =>
    outbox.enqueue(tx, sender, to, 'password-reset', 'da', {
      resetUrl: `http://sctibs.localhost/nulstil?token=${token}`,
      expiresInMinutes: 30,
    }),
  );
}

function relay(extra: Partial<OutboxRelayOptions> = {}): OutboxRelay {
  return new OutboxRelay({
    dataSource: ds,
    queues: () => queue,
    tenantIds: [tenantA, tenantB],
    logger: quiet,
    ...extra,
  });
}

const mailsTo = (to: string): number => catcher.messages.filter((m) => m.to.includes(to)).length;

async function processedAt(tenantId: string, id: string): Promise<Date | null | undefined> {
  const { rows } = await admin.query<{ processed_at: Date | null }>(
    'SELECT processed_at FROM outbox WHERE tenant_id = $1 AND id = $2',
    [tenantId, id],
  );
  return rows[0]?.processed_at;
}

beforeAll(async () => {
  ds = await openAppDataSource();
  admin = await openAdminClient();
  tenantA = await createTestTenant(ds);
  tenantB = await createTestTenant(ds);
  catcher = await startSmtpCatcher();
  mailer = new SmtpMailer({ smtpUrl: catcher.url, from: 'no-reply@localhost' });
  const smtp = new EmailSender((from) => mailer.withSender(from));
  delivery = new EmailDelivery({
    dataSource: ds,
    sealer: EmailSealer.fromSecret(SECRET),
    send: (email) => smtp.sendComposed(email),
  });
  queue = new Bull<OutboxJobData>(QUEUES.emails, testEnv().redisUrl, { prefix });
  void queue.process((job) => runEmailJob(delivery, job as EmailJob, quiet));
});

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  mailer.close();
  await catcher.stop();
  await admin.end();
  await ds.destroy();
});

describe('outbox e-mails', () => {
  it('are sent by the worker once the transaction commits, and marked processed', async () => {
    const to = address();
    const id = await queueReset(tenantA, to);
    expect(mailsTo(to)).toBe(0);

    await relay().runOnce();
    const mail = await catcher.waitFor((m) => m.to.includes(to));

    expect(mail.subject).toBe('Nulstil adgangskode');
    expect(mail.text).toContain('http://sctibs.localhost/nulstil?token=token-123');
    expect(mail.headers.from).toContain('no-reply@sctibs.localhost');
    for (let i = 0; i < 50 && !(await processedAt(tenantA, id)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await processedAt(tenantA, id)).toBeInstanceOf(Date);
  });

  it('are never sent when the transaction rolls back', async () => {
    const to = address();
    const rolledBack = inTenant(ds, tenantA, async (tx) => {
      await outbox.enqueue(tx, sender, to, 'password-reset', 'da', {
        resetUrl: 'http://sctibs.localhost/nulstil?token=rolled-back',
        expiresInMinutes: 30,
      });
      throw new Error('the business change failed after the e-mail was queued');
    });
    await expect(rolledBack).rejects.toThrow('business change failed');

    expect((await relay().runOnce()).relayed).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(to)).toBe(0);
  });

  it('go out once when the job is delivered twice, even at the same time', async () => {
    const to = address();
    const id = await queueReset(tenantA, to);
    const job = { tenantId: tenantA, outboxId: id };

    const outcomes = await Promise.all([delivery.deliver(job), delivery.deliver(job)]);
    // Bull redelivers again later (a stalled job, or the relay re-adding a removed one).
    const later = await delivery.deliver(job);

    expect(outcomes.sort()).toEqual(['alreadySent', 'sent']);
    expect(later).toBe('alreadySent');
    await new Promise((r) => setTimeout(r, 200));
    expect(mailsTo(to)).toBe(1);
  });

  it('lost from Redis after the relay marked them sent are re-enqueued by the sweep and sent', async () => {
    const to = address();
    const id = await queueReset(tenantA, to);
    // Marked sent ten minutes ago, but Redis no longer has (or never got) the job.
    await admin.query(`UPDATE outbox SET sent_at = now() - interval '10 minutes' WHERE tenant_id = $1 AND id = $2`, [
      tenantA,
      id,
    ]);
    expect(await queue.getJob(id)).toBeNull();

    const pass = await relay({ sweepEveryMs: 0 }).runOnce();

    expect(pass.reenqueued).toBe(1);
    await catcher.waitFor((m) => m.to.includes(to));
    expect(mailsTo(to)).toBe(1);
  });

  it('sit in the outbox and in Redis with no code, link or address in plain text', async () => {
    const to = address();
    const code = '739204';
    const token = `resume-${randomBytes(12).toString('base64url')}`;
    const id = await inTenant(ds, tenantA, (tx) =>
      outbox.enqueue(tx, sender, to, 'activation-code', 'da', {
        code,
        continueUrl: `http://sctibs.localhost/opret/fortsaet?token=${token}`,
        expiresInMinutes: 30,
      }),
    );
    const { rows } = await admin.query<{ payload: Record<string, unknown> }>(
      'SELECT payload FROM outbox WHERE tenant_id = $1 AND id = $2',
      [tenantA, id],
    );
    await relay().runOnce();
    const mail = await catcher.waitFor((m) => m.to.includes(to));
    const job = await queue.getJob(id);

    expect(mail.text).toContain(code);
    expect(Object.keys(rows[0].payload).sort()).toEqual(['ciphertext', 'iv', 'tag', 'version']);
    const ciphertext = Buffer.from(String(rows[0].payload.ciphertext), 'base64url').toString('latin1');
    for (const stored of [JSON.stringify(rows[0].payload), ciphertext, JSON.stringify(job?.data)]) {
      for (const secret of [code, token, to, 'fortsaet', 'aktiveringskode']) expect(stored).not.toContain(secret);
    }
  });

  it("sent for another tenant's row find nothing (RLS), and send nothing", async () => {
    const to = address();
    const id = await queueReset(tenantA, to);

    expect(await delivery.deliver({ tenantId: tenantB, outboxId: id })).toBe('notFound');
    await new Promise((r) => setTimeout(r, 200));
    expect(mailsTo(to)).toBe(0);
    expect(await processedAt(tenantA, id)).toBeNull();

    expect(await delivery.deliver({ tenantId: tenantA, outboxId: id })).toBe('sent');
  });
});
