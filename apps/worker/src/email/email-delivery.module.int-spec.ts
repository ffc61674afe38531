import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { BullModule, getQueueToken } from '@nestjs/bull';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { OutboxRelay, QUEUES, type OutboxJobData } from '@kk/jobs';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import {
  createTestTenant,
  openAppDataSource,
  startSmtpCatcher,
  testEnv,
  uniqueSlug,
  type SmtpCatcher,
} from '@kk/testing';
import { EmailDeliveryModule } from './email-delivery.module';

// The Nest wiring the worker uses: EmailDeliveryModule's consumer on the `emails` queue.
const SECRET = 'the-web-apps-session-secret-for-this-test';

let ds: DataSource;
let tenant: string;
let catcher: SmtpCatcher;
let context: INestApplicationContext;
let queue: Queue<OutboxJobData>;

beforeAll(async () => {
  ds = await openAppDataSource();
  tenant = await createTestTenant(ds);
  catcher = await startSmtpCatcher();
  context = await NestFactory.createApplicationContext(
    {
      module: class EmailDeliveryTestModule {},
      imports: [
        // A prefix of its own: no other file's worker takes these jobs.
        BullModule.forRoot({ url: testEnv().redisUrl, prefix: `test-${randomBytes(4).toString('hex')}` }),
        BullModule.registerQueue({ name: QUEUES.emails }),
        EmailDeliveryModule.register({ dataSource: ds, smtpUrl: catcher.url, sessionSecret: SECRET }),
      ],
    },
    { logger: ['error'], abortOnError: false },
  );
  await context.init();
  queue = context.get<Queue<OutboxJobData>>(getQueueToken(QUEUES.emails));
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await context?.close();
  await catcher?.stop();
  await ds?.destroy();
});

it('sends a relayed outbox e-mail through the SMTP server it was given', async () => {
  const to = `${uniqueSlug('modtager')}@example.dk`;
  const sender = loadTenants(defaultTenantsDir()).require('sctibs');
  const id = await inTenant(ds, tenant, (tx) =>
    new EmailOutbox(EmailSealer.fromSecret(SECRET)).enqueue(tx, sender, to, 'signup-attempted', 'en', {
      loginUrl: 'http://sctibs.localhost/login',
      resetUrl: 'http://sctibs.localhost/glemt-adgangskode',
    }),
  );

  await new OutboxRelay({ dataSource: ds, queues: () => queue, tenantIds: [tenant] }).runOnce();
  const mail = await catcher.waitFor((m) => m.to.includes(to));

  expect(mail.text).toContain('http://sctibs.localhost/glemt-adgangskode');
  for (let i = 0; i < 50 && (await queue.getJob(id))?.returnvalue !== 'sent'; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  expect((await queue.getJob(id))?.returnvalue).toBe('sent');
});
