import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import Bull, { type Queue } from 'bull';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { BalanceAlertSettingsService } from '@kk/balance-alerts';
import type { Env } from '@kk/config';
import { inTenant, syncTenants } from '@kk/database';
import type { LoginCaller } from '@kk/identity';
import { QUEUES } from '@kk/jobs';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { loadTenants, type TenantConfig } from '@kk/tenancy';
import {
  accountAlertAmount,
  alertsSent,
  chargesByStoredCard,
  createEmailLogin,
  depositCash,
  eventually,
  lowBalanceEvents,
  openAdminClient,
  openAppDataSource,
  parentWithAgreement,
  paymentsLedger,
  payingTenantYaml,
  startBalanceAlertsTestContext,
  startSmtpCatcher,
  testCheckout,
  testPaymentEnv,
  testRedisUrl,
  testWorkerEnv,
  topUpPayments,
  uniqueEmail,
  uniqueSlug,
  walletBalance,
  writeTenantsDir,
  type CaughtMail,
  type LibTestContext,
  type SmtpCatcher,
  type TestCheckout,
  type TestLogin,
} from '@kk/testing';
import { startGatewaySim, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import { startWorker, type WorkerHandle } from '../../apps/worker/src/main';

/**
 * "Besked ved lav saldo" with the real worker (outbox relay and sweep, Bull, the
 * `balance-events` consumer, the e-mail processor, SMTP): a till purchase under the chosen
 * amount e-mails once; another within 48 hours does not; money put in above the amount re-arms
 * it; a Redis that lost the jobs in flight loses no alert and doubles none; and an account with
 * "Automatisk Optankning" gets both its alert and its top-up from the same event, each once.
 *
 * This file's queues live in Redis database 11 under a prefix of its own, so its FLUSHDB
 * touches no other file's.
 */
jest.setTimeout(60_000);

const prefix = `alerts-${randomBytes(4).toString('hex')}`;
const redisUrl = testRedisUrl(11);
const SUBJECT = 'Lav saldo på kantinekortet';
const NBSP = '\u00a0';

let sim: RunningGatewaySim;
let catcher: SmtpCatcher;
let ds: DataSource;
let admin: Client;
let lib: LibTestContext;
let school: TenantConfig;
let tenantsDir: string;
let env: Env;
let tenantEnv: NodeJS.ProcessEnv;
let checkout: TestCheckout;
let queue: Queue;
let worker: WorkerHandle | undefined;

const alertsTo = (email: string): CaughtMail[] =>
  catcher.messages.filter((mail) => mail.to.includes(email) && mail.subject.startsWith(SUBJECT));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A parent of a pupil with `balance` øre, and their alert at `kroner`. */
async function subscribed(balance: number, kroner = '100'): Promise<{ login: TestLogin; email: string }> {
  const login = await createEmailLogin(ds, school.slug, { balance });
  const email = uniqueEmail('alarm');
  await subscribe(caller(login), login.accountId, kroner, email);
  return { login, email };
}

const caller = (login: TestLogin): LoginCaller => ({ tenantId: school.slug, loginId: login.loginId });

async function subscribe(who: LoginCaller, accountId: string, kroner: string, email: string): Promise<void> {
  const saved = await lib.get(BalanceAlertSettingsService).save(who, accountId, { amount: kroner, email }, 'da');
  expect(saved).toEqual({ kind: 'saved' });
}

/** The account's low-balance events, once the worker has handled every one. */
const allProcessed = (accountId: string) =>
  eventually(
    () => lowBalanceEvents(ds, school.slug, accountId),
    (events) => events.length > 0 && events.every((event) => event.processed),
    15_000,
  );

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0 });
  catcher = await startSmtpCatcher();
  const slug = uniqueSlug('alerts');
  tenantsDir = writeTenantsDir([{ slug, config: payingTenantYaml(slug, sim.url, { displayName: 'Alert test' }) }]);
  school = loadTenants(tenantsDir, {}).require(slug);
  expect(school.autoTopUp.thresholdOre).toBe(5_000);
  tenantEnv = testPaymentEnv([school]);
  env = testWorkerEnv({ smtpUrl: catcher.url, redisUrl });
  ds = await openAppDataSource(8);
  admin = await openAdminClient();
  await syncTenants(ds, [{ slug: school.slug, name: school.displayName }]);
  lib = await startBalanceAlertsTestContext(ds, [school], new EmailOutbox(EmailSealer.fromSecret(env.SESSION_SECRET)));
  checkout = await testCheckout(ds, school);
  queue = new Bull(QUEUES.balanceEvents, redisUrl, { prefix });
  worker = await startWorker({
    env,
    tenantsDir,
    tenantEnv,
    relayIntervalMs: 50,
    queuePrefix: prefix,
    outboxSweep: { everyMs: 200, afterMs: 1_000 },
    queueSettings: { lockDuration: 2_000, stalledInterval: 1_000 },
  });
});

afterAll(async () => {
  await worker?.stop();
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await lib?.close();
  await admin?.end();
  if (ds?.isInitialized) await ds.destroy();
  await catcher?.stop();
  await sim?.stop();
  if (tenantsDir) rmSync(tenantsDir, { recursive: true, force: true });
});

it('e-mails once under the amount, not again within 48 hours, and again once money lifted it above', async () => {
  const { login, email } = await subscribed(15_000);
  // 90 kr. left: above the tenant's 50 kr. top-up threshold, under the parent's 100 kr.
  expect((await checkout.buy(login, 6_000)).balance).toBe(9_000);

  const [mail] = await eventually(
    async () => alertsTo(email),
    (mails) => mails.length > 0,
  );
  expect(mail.text).toContain(`under de 100,00${NBSP}kr., du har valgt`);
  expect(mail.text).toContain(`var der 90,00${NBSP}kr. tilbage`);
  expect(mail.text).toContain(`/konti/${login.accountId}/indbetal`);
  expect(mail.text).toContain(`/konti/${login.accountId}/saldo-besked`);
  await allProcessed(login.accountId);

  // A second purchase under the amount within 48 hours: its event is handled, no e-mail.
  expect((await checkout.buy(login, 1_000)).balance).toBe(8_000);
  await eventually(
    () => lowBalanceEvents(ds, school.slug, login.accountId),
    (events) => events.length === 2 && events.every((event) => event.processed),
  );
  await pause(500);
  expect(alertsTo(email)).toHaveLength(1);

  // Money in lifts it to 110 kr. (re-armed); the next purchase under 100 kr. e-mails again.
  await depositCash(ds, school.slug, login.accountId, 3_000);
  expect((await checkout.buy(login, 2_000)).balance).toBe(9_000);
  await eventually(
    async () => alertsTo(email),
    (mails) => mails.length === 2,
  );
  await allProcessed(login.accountId);
  await pause(500);
  expect(alertsTo(email)).toHaveLength(2);
  expect((await alertsSent(ds, school.slug, login.accountId)).map((alert) => alert.balance)).toEqual([9_000, 9_000]);
  // No agreement: the top-up did nothing with these events, but marked them processed.
  expect((await topUpPayments(ds, school.slug)).filter((row) => row.accountId === login.accountId)).toEqual([]);
});

it('Redis flushed while the alert jobs are in flight: every alert e-mailed exactly once', async () => {
  const group = await Promise.all([0, 1, 2, 3].map(() => subscribed(15_000)));
  const ids = await inTenant(ds, school.slug, (tx) =>
    tx.query<{ id: string }>(
      'SELECT id FROM balance_alert_subscriptions WHERE tenant_id = $1 AND account_id = ANY($2::uuid[])',
      [school.slug, group.map(({ login }) => login.accountId)],
    ),
  );
  // Hold the subscriptions: the first job stops inside its alert transaction, the rest wait in Redis.
  await admin.query('BEGIN');
  await admin.query('SELECT id FROM balance_alert_subscriptions WHERE id = ANY($1::uuid[]) FOR UPDATE', [
    ids.map((row) => row.id),
  ]);
  try {
    await Promise.all(group.map(({ login }) => checkout.buy(login, 6_000)));
    const inFlight = await eventually(
      async () =>
        (await Promise.all(group.map(({ login }) => lowBalanceEvents(ds, school.slug, login.accountId)))).flat(),
      (events) => events.length === group.length && events.every((event) => event.sent),
    );
    // Relayed, and none handled: one job waits inside its alert transaction, the others in Redis.
    expect(inFlight.filter((event) => event.processed)).toEqual([]);
    await queue.client.flushdb();
    expect(await queue.client.dbsize()).toBe(0);
  } finally {
    await admin.query('COMMIT');
  }

  for (const { login, email } of group) {
    await allProcessed(login.accountId);
    await eventually(
      async () => alertsTo(email),
      (mails) => mails.length > 0,
      15_000,
    );
  }
  // A few sweeps and relays later, still one each.
  await pause(1_500);
  for (const { login, email } of group) {
    expect(alertsTo(email)).toHaveLength(1);
    expect(await alertsSent(ds, school.slug, login.accountId)).toHaveLength(1);
  }
});

it('with Automatisk Optankning on the account, the same event e-mails once and tops up once', async () => {
  const parent = await parentWithAgreement(lib, ds, school, { balance: 8_000, amount: '200' });
  const email = uniqueEmail('optank');
  await subscribe(parent.caller, parent.person.accountId, '100', email);
  // 40 kr. left: under the threshold and the alert.
  expect((await checkout.buy(parent.person, 4_000)).balance).toBe(4_000);

  await allProcessed(parent.person.accountId);
  await eventually(
    () => walletBalance(ds, school.slug, parent.person.accountId),
    (ore) => ore === 24_000,
  );
  await eventually(
    async () => alertsTo(email),
    (mails) => mails.length > 0,
  );
  await pause(1_000);
  expect(alertsTo(email)).toHaveLength(1);
  expect(alertsTo(email)[0].text).toContain(`var der 40,00${NBSP}kr. tilbage`);
  expect(chargesByStoredCard(sim.controls.ledger().charges).get(parent.storedCardId)).toEqual({
    count: 1,
    ore: 20_000,
  });
  expect((await topUpPayments(ds, school.slug)).filter((row) => row.accountId === parent.person.accountId)).toEqual([
    expect.objectContaining({ status: 'completed', amount: 20_000 }),
  ]);
  expect((await paymentsLedger(ds, [school.slug])).problems).toEqual([]);
});

it('turned off: the till no longer writes events above the threshold, and nothing is e-mailed', async () => {
  const { login, email } = await subscribed(15_000);
  expect(await accountAlertAmount(ds, school.slug, login.accountId)).toBe(10_000);
  expect(await lib.get(BalanceAlertSettingsService).turnOff(caller(login), login.accountId)).toBe(true);
  expect(await accountAlertAmount(ds, school.slug, login.accountId)).toBeNull();

  expect((await checkout.buy(login, 6_000)).balance).toBe(9_000);
  await pause(500);
  expect(await lowBalanceEvents(ds, school.slug, login.accountId)).toEqual([]);
  expect(alertsTo(email)).toEqual([]);
});

it('an alert under the threshold waits until the balance is under its own amount', async () => {
  const { login, email } = await subscribed(6_000, '20');
  // 40 kr.: the tenant's top-up event, but not under 20 kr.
  expect((await checkout.buy(login, 2_000)).balance).toBe(4_000);
  await allProcessed(login.accountId);
  await pause(300);
  expect(alertsTo(email)).toEqual([]);
  // 15 kr.: under it.
  expect((await checkout.buy(login, 2_500)).balance).toBe(1_500);
  await eventually(
    async () => alertsTo(email),
    (mails) => mails.length === 1,
  );
});

it('a guardian who no longer sees the account gets no more alerts', async () => {
  const { login, email } = await subscribed(15_000);
  // "Slet tilknytning" or the office ending the access: the login no longer sees the pupil.
  await admin.query('DELETE FROM login_access WHERE tenant_id = $1 AND login_id = $2', [school.slug, login.loginId]);
  expect((await checkout.buy(login, 6_000)).balance).toBe(9_000);
  await allProcessed(login.accountId);
  await pause(500);
  expect(alertsTo(email)).toEqual([]);
  expect(await alertsSent(ds, school.slug, login.accountId)).toEqual([]);
});
