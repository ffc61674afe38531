import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { syncTenants } from '@kk/database';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { loadTenants, type TenantConfig } from '@kk/tenancy';
import {
  chargesByStoredCard,
  createPerson,
  createTill,
  eventually,
  fastRecoveryOptions,
  lowBalanceEvents,
  openAppDataSource,
  parentWithAgreement,
  payingTenantYaml,
  paymentsLedger,
  spawnPosProcess,
  spawnWorkerProcess,
  startPaymentsTestContext,
  startSmtpCatcher,
  testPaymentEnv,
  testWorkerEnv,
  testWorkerVariables,
  topUpPayments,
  uniqueSlug,
  writeTenantsDir,
  type LibTestContext,
  type PosProcess,
  type SmtpCatcher,
  type TestTill,
  type TopUpParent,
  type WorkerProcess,
} from '@kk/testing';
import { startGatewaySim, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';

/**
 * Production runs several POS processes and several workers against one database and one
 * Redis. Correctness must not lean on there being one of each: the same purchase sent to two
 * POS processes at once moves money once, and purchases crossing the threshold through both,
 * with two workers taking the jobs, top up once. (Correctness, not speed: on 2 cores.)
 */
jest.setTimeout(60_000);

const prefix = `several-${randomBytes(4).toString('hex')}`;
const AGREEMENT_ORE = 20_000;
const WORKER_OPTIONS = fastRecoveryOptions(prefix);

let sim: RunningGatewaySim;
let catcher: SmtpCatcher;
let ds: DataSource;
let lib: LibTestContext;
let tenant: TenantConfig;
let tenantsDir: string;
let till: TestTill;
let posProcesses: PosProcess[] = [];
let workers: WorkerProcess[] = [];

interface TillAnswer {
  readonly status: number;
  readonly replayed: boolean;
  readonly body: Record<string, unknown>;
}

async function purchase(pos: PosProcess, key: string, cardNumber: string, amount: number): Promise<TillAnswer> {
  const res = await fetch(`${pos.origin}/pos/v1/purchases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${till.apiKey}`, 'idempotency-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ cardNumber, amount, description: 'Frokost' }),
  });
  return {
    status: res.status,
    replayed: res.headers.get('idempotent-replayed') === 'true',
    body: (await res.json()) as Record<string, unknown>,
  };
}

/** Low-balance jobs a worker process handled, whatever their outcome (its /metrics). */
async function topUpJobsHandled(worker: WorkerProcess): Promise<number> {
  const text = await (await fetch(`${worker.opsUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('auto_top_up_jobs_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** The n-th request goes to the n-th process, round robin, as a load balancer would. */
const nth = (n: number): PosProcess => {
  const pos = posProcesses[n % posProcesses.length];
  if (!pos) throw new Error('no POS process');
  return pos;
};

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0 });
  catcher = await startSmtpCatcher();
  const slug = uniqueSlug('several');
  tenantsDir = writeTenantsDir([{ slug, config: payingTenantYaml(slug, sim.url, { displayName: 'Several' }) }]);
  tenant = loadTenants(tenantsDir, {}).require(slug);
  const tenantEnv = testPaymentEnv([tenant]);
  const env = testWorkerEnv({ smtpUrl: catcher.url });
  ds = await openAppDataSource(6);
  await syncTenants(ds, [{ slug, name: tenant.displayName }]);
  lib = await startPaymentsTestContext(ds, [tenant], new EmailOutbox(EmailSealer.fromSecret(env.SESSION_SECRET)));
  till = await createTill(ds, slug);
  const variables = { ...testWorkerVariables({ smtpUrl: catcher.url }), ...tenantEnv, LOG_LEVEL: 'warn' };
  // One after the other: in test mode each process prepares the database at start (the app
  // role's password, pending migrations), and two at the same instant race on the catalog
  // ("tuple concurrently updated"). Served in production, apps never prepare; they run together.
  posProcesses = [];
  for (const _ of [1, 2]) posProcesses.push(await spawnPosProcess({ variables, tenantsDir }));
  workers = [];
  for (const _ of [1, 2]) workers.push(await spawnWorkerProcess({ variables, tenantsDir, options: WORKER_OPTIONS }));
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await Promise.all(posProcesses.map((pos) => pos.stop()));
  await lib?.close();
  if (ds?.isInitialized) await ds.destroy();
  await catcher?.stop();
  await sim?.stop();
  if (tenantsDir) rmSync(tenantsDir, { recursive: true, force: true });
});

afterEach(async () => {
  const ledger = await paymentsLedger(ds, [tenant.slug]);
  expect(ledger.problems).toEqual([]);
  const charged = sim.controls.ledger().charges.reduce((sum, charge) => sum + charge.amount, 0);
  expect(ledger.clearedOre).toBe(charged);
});

it('one purchase sent 20 times at once across two POS processes: one debit, one answer 20 times', async () => {
  const person = await createPerson(ds, tenant.slug, { balance: 10_000 });
  const key = `same-${randomUUID()}`;
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, n) => purchase(nth(n), key, person.cardNumber, 2_500)),
  );
  expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
  expect(answers.filter((answer) => answer.status === 200 && answer.replayed)).toHaveLength(19);
  const first = answers.find((answer) => answer.status === 201)?.body;
  expect(first).toMatchObject({ status: 'approved', balance: 7_500 });
  for (const answer of answers) expect(answer.body).toEqual(first);
  expect((await paymentsLedger(ds, [tenant.slug])).balanceOf(person.accountId)).toBe(7_500);
});

it('50 purchases crossing the threshold through both POS processes, two workers: one top-up', async () => {
  // 90 kr. and 50 purchases of 1 kr.: the last ten each leave less than 50 kr.
  const parent = await parentWithAgreement(lib, ds, tenant, { balance: 9_000, amount: String(AGREEMENT_ORE / 100) });
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, n) => purchase(nth(n), `cross-${randomUUID()}`, parent.person.cardNumber, 100)),
  );
  expect(answers.map((answer) => [answer.status, answer.body.status])).toEqual(
    Array.from({ length: 50 }, () => [201, 'approved']),
  );
  const events = await lowBalanceEvents(ds, tenant.slug, parent.person.accountId);
  expect(events.length).toBeGreaterThanOrEqual(10);

  await eventually(
    async () => (await lowBalanceEvents(ds, tenant.slug, parent.person.accountId)).filter((e) => !e.processed).length,
    (open) => open === 0,
    20_000,
  );
  const ledger = await paymentsLedger(ds, [tenant.slug]);
  expect(ledger.balanceOf(parent.person.accountId)).toBe(9_000 - 5_000 + AGREEMENT_ORE);
  expect(chargesByStoredCard(sim.controls.ledger().charges).get(parent.storedCardId)).toEqual({
    count: 1,
    ore: AGREEMENT_ORE,
  });
  const topUps = (await topUpPayments(ds, tenant.slug)).filter((row) => row.accountId === parent.person.accountId);
  expect(topUps.map((row) => row.status)).toEqual(['completed']);
});

it('20 accounts crossing at once, through both POS processes and both workers: each tops up once', async () => {
  const group: TopUpParent[] = [];
  for (let i = 0; i < 20; i += 5) {
    group.push(
      ...(await Promise.all(
        Array.from({ length: 5 }, () =>
          parentWithAgreement(lib, ds, tenant, { balance: 6_000, amount: String(AGREEMENT_ORE / 100) }),
        ),
      )),
    );
  }
  await Promise.all(
    group.flatMap((parent, i) =>
      [0, 1, 2].map((k) => purchase(nth(i + k), `many-${randomUUID()}`, parent.person.cardNumber, 700)),
    ),
  );
  await eventually(
    async () => {
      const done = (await topUpPayments(ds, tenant.slug)).filter((row) => row.status === 'completed');
      return group.filter((parent) => !done.some((row) => row.accountId === parent.person.accountId)).length;
    },
    (waiting) => waiting === 0,
    30_000,
  );
  await eventually(
    async () => {
      let open = 0;
      for (const parent of group) {
        open += (await lowBalanceEvents(ds, tenant.slug, parent.person.accountId)).filter((e) => !e.processed).length;
      }
      return open;
    },
    (open) => open === 0,
    20_000,
  );
  // The jobs were shared out: each worker process handled some of them.
  const handled = await Promise.all(workers.map(topUpJobsHandled));
  for (const count of handled) expect(count).toBeGreaterThan(0);
  const byCard = chargesByStoredCard(sim.controls.ledger().charges);
  const ledger = await paymentsLedger(ds, [tenant.slug]);
  for (const parent of group) {
    expect(byCard.get(parent.storedCardId)).toEqual({ count: 1, ore: AGREEMENT_ORE });
    expect(ledger.balanceOf(parent.person.accountId)).toBe(6_000 - 2_100 + AGREEMENT_ORE);
  }
});
