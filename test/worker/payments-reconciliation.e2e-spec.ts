import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import Bull, { type Queue } from 'bull';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Env } from '@kk/config';
import { inTenant, syncTenants } from '@kk/database';
import { loginIdOf, type LoginCaller } from '@kk/identity';
import { QUEUES } from '@kk/jobs';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { loadTenants, type TenantConfig } from '@kk/tenancy';
import {
  createPerson,
  eventually,
  openAppDataSource,
  payingTenantYaml,
  paymentsLedger,
  paidUnreportedDeposit,
  sampleValue,
  signUp,
  startPaymentsTestContext,
  startSmtpCatcher,
  testEnv,
  testPaymentEnv,
  testWorkerEnv,
  uniqueEmail,
  uniqueSlug,
  writeTenantsDir,
  type LibTestContext,
  type SmtpCatcher,
} from '@kk/testing';
import { startGatewaySim, TEST_CARDS, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import { startWorker, type WorkerHandle, type WorkerOptions } from '../../apps/worker/src/main';
import { RECONCILIATION_JOB_ID } from '../../apps/worker/src/reconciliation/reconciliation-schedule';

/**
 * The worker's `payments-reconciliation` job against the gateway stand-in and the real
 * database: a deposit paid at Nexi that nobody reported (the parent never came back, the
 * webhook never arrived) is credited once by the worker alone, and its receipt e-mailed;
 * the schedule survives restarts and a Redis that lost it, and never doubles up.
 */
jest.setTimeout(30_000);

const prefix = `recon-${randomBytes(4).toString('hex')}`;
const INTERVAL_MS = 250;

let sim: RunningGatewaySim;
let catcher: SmtpCatcher;
let ds: DataSource;
let lib: LibTestContext;
let tenant: TenantConfig;
let tenantsDir: string;
let tenantEnv: NodeJS.ProcessEnv;
let env: Env;
let queue: Queue;
let worker: WorkerHandle | undefined;

function start(reconciliation: WorkerOptions['reconciliation']): Promise<WorkerHandle> {
  return startWorker({ env, tenantsDir, tenantEnv, relayIntervalMs: 50, queuePrefix: prefix, reconciliation });
}

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const { text } = await request(worker?.opsUrl ?? '')
    .get('/metrics')
    .expect(200);
  return sampleValue(text, name, labels);
}

const completedPasses = () => metric('payment_reconciliation_passes_total', { outcome: 'completed' });

async function schedules(): Promise<{ id?: string; every: number }[]> {
  return (await queue.getRepeatableJobs()).map(({ id, every }) => ({ id, every }));
}

/** A deposit paid on Nexi's page, of which our database knows nothing yet. */
async function unreportedDeposit(kroner: string, receiptEmail: string) {
  const person = await createPerson(ds, tenant.slug);
  const { loginId } = await signUp(lib, tenant.slug, person);
  const caller: LoginCaller = { tenantId: tenant.slug, loginId: loginIdOf(loginId) };
  const paymentId = await paidUnreportedDeposit(lib, caller, tenant, person.accountId, {
    kroner,
    receiptEmail,
    cardNumber: TEST_CARDS.visa.number,
  });
  return { accountId: person.accountId, paymentId };
}

async function paymentStatus(paymentId: string): Promise<string | undefined> {
  const rows = await inTenant(ds, tenant.slug, (tx) =>
    tx.query<{ status: string }>('SELECT status FROM payments WHERE tenant_id = $1 AND id = $2', [
      tenant.slug,
      paymentId,
    ]),
  );
  return rows[0]?.status;
}

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0 });
  catcher = await startSmtpCatcher();
  const slug = uniqueSlug('recon');
  tenantsDir = writeTenantsDir([
    { slug, config: payingTenantYaml(slug, sim.url, { displayName: 'Reconciliation test' }) },
  ]);
  tenant = loadTenants(tenantsDir, {}).require(slug);
  tenantEnv = testPaymentEnv([tenant]);
  env = testWorkerEnv({ smtpUrl: catcher.url });
  ds = await openAppDataSource(4);
  await syncTenants(ds, [{ slug, name: tenant.displayName }]);
  // The portal's side, sealing its e-mails under the session secret the worker is given.
  lib = await startPaymentsTestContext(ds, [tenant], new EmailOutbox(EmailSealer.fromSecret(env.SESSION_SECRET)));
  // Reads the worker's queue in Redis (same prefix), to see its schedule.
  queue = new Bull(QUEUES.paymentsReconciliation, testEnv().redisUrl, { prefix });
});

afterAll(async () => {
  await worker?.stop();
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await lib?.close();
  if (ds?.isInitialized) await ds.destroy();
  await catcher?.stop();
  await sim?.stop();
  if (tenantsDir) rmSync(tenantsDir, { recursive: true, force: true });
});

afterEach(async () => {
  expect((await paymentsLedger(ds, [tenant.slug])).problems).toEqual([]);
});

it('credits a deposit nobody reported, once, within seconds, e-mails its receipt and counts it', async () => {
  const receiptEmail = uniqueEmail('kvittering');
  const deposit = await unreportedDeposit('300', receiptEmail);
  expect(await paymentStatus(deposit.paymentId)).toBe('pending');
  expect((await paymentsLedger(ds, [tenant.slug])).balanceOf(deposit.accountId)).toBe(0);

  worker = await start({ intervalMs: INTERVAL_MS, reconcileAfterMs: 0 });
  expect(await schedules()).toEqual([{ id: RECONCILIATION_JOB_ID, every: INTERVAL_MS }]);

  const balance = () => paymentsLedger(ds, [tenant.slug]).then((ledger) => ledger.balanceOf(deposit.accountId));
  expect(await eventually(balance, (ore) => ore > 0)).toBe(30_000);
  expect(await paymentStatus(deposit.paymentId)).toBe('completed');

  // Passes go on; none credits it again.
  const passes = await completedPasses();
  await eventually(completedPasses, (n) => n >= passes + 3);
  expect(await balance()).toBe(30_000);
  expect(await metric('payment_reconciliation_payments_decided_total')).toBe(1);
  expect(await metric('payment_reconciliation_payments_undecided')).toBe(0);
  expect(await metric('payment_reconciliation_passes_total', { outcome: 'failed' })).toBe(0);
  expect(await metric('payment_reconciliation_last_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 5);

  // Sealed like the portal's e-mails, so the worker's own e-mail processor sends it.
  const receipt = await catcher.waitFor((mail) => mail.to.includes(receiptEmail));
  expect(receipt.text).toContain(deposit.paymentId);
  await new Promise((resolve) => setTimeout(resolve, 3 * INTERVAL_MS));
  expect(catcher.messages.filter((mail) => mail.to.includes(receiptEmail))).toHaveLength(1);
});

it('keeps one schedule across restarts, a new interval and a Redis that lost it', async () => {
  await worker?.stop();
  worker = await start({ intervalMs: INTERVAL_MS, reconcileAfterMs: 0 });
  expect(await schedules()).toEqual([{ id: RECONCILIATION_JOB_ID, every: INTERVAL_MS }]);

  // Another release's interval: the old schedule goes, the new one is the only one.
  await worker.stop();
  worker = await start({ intervalMs: 2 * INTERVAL_MS, reconcileAfterMs: 0 });
  expect(await schedules()).toEqual([{ id: RECONCILIATION_JOB_ID, every: 2 * INTERVAL_MS }]);

  // Redis restarted without its data: the next start schedules the job again, and it runs.
  await worker.stop();
  worker = undefined;
  const keys = await queue.client.keys(`${prefix}:*`);
  if (keys.length > 0) await queue.client.del(...keys);
  expect(await schedules()).toEqual([]);
  worker = await start({ intervalMs: 2 * INTERVAL_MS, reconcileAfterMs: 0 });
  expect(await schedules()).toEqual([{ id: RECONCILIATION_JOB_ID, every: 2 * INTERVAL_MS }]);
  await eventually(completedPasses, (n) => n >= 1);
});
