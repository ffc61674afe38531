import { randomBytes, randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import Bull, { type Queue } from 'bull';
import type { DataSource } from 'typeorm';
import type { Env } from '@kk/config';
import { syncTenants } from '@kk/database';
import { loginIdOf, type LoginCaller } from '@kk/identity';
import { QUEUES } from '@kk/jobs';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { loadTenants, type TenantConfig } from '@kk/tenancy';
import {
  chargesByStoredCard,
  createPerson,
  eventually,
  fastRecoveryOptions,
  lowBalanceEvents,
  openAppDataSource,
  paidUnreportedDeposit,
  parentWithAgreement,
  paymentsFor,
  payingTenantYaml,
  paymentsLedger,
  signUp,
  spawnWorkerProcess,
  startPaymentsTestContext,
  startSmtpCatcher,
  testCheckout,
  testPaymentEnv,
  testRedisUrl,
  testWorkerEnv,
  testWorkerVariables,
  topUpPayments,
  uniqueEmail,
  uniqueSlug,
  writeTenantsDir,
  type LibTestContext,
  type SmtpCatcher,
  type TestCheckout,
  type TopUpParent,
  type WorkerProcess,
} from '@kk/testing';
import { startGatewaySim, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import { startWorker, type WorkerHandle, type WorkerOptions } from '../../apps/worker/src/main';

/**
 * "Automatisk Optankning" exactly once under faults, with the real worker (Bull, the outbox
 * relay and sweep, the reconciliation) against the gateway stand-in and the real database: a
 * till purchase under 50 kr. tops up once; 50 concurrent ones too; a worker SIGKILLed between
 * the provider's charge and our commit charges and credits once after a restart; a Redis that
 * lost every job in flight loses no top-up and doubles none; and so across 1,000 jobs (600
 * top-ups, 400 deposits only the reconciliation can credit) with the worker killed at random
 * again and again. After every test, for every account, the
 * completed top-ups are exactly the charges the stand-in made on its card, and the money in
 * from gateway clearing is exactly what the stand-in charged.
 *
 * The child-process tests run dist/ (build first). This file's queues live in Redis database 6
 * under a prefix of its own, so its FLUSHDB touches no other file's.
 */
jest.setTimeout(60_000);

const prefix = `topup-${randomBytes(4).toString('hex')}`;
const redisUrl = testRedisUrl(6);
const AGREEMENT_ORE = 20_000;
const THRESHOLD_ORE = 5_000;

const FAST_RECOVERY = fastRecoveryOptions(prefix);

let sim: RunningGatewaySim;
let catcher: SmtpCatcher;
let ds: DataSource;
let lib: LibTestContext;
let school: TenantConfig;
let chaos: TenantConfig;
let tenantsDir: string;
let tenantEnv: NodeJS.ProcessEnv;
let env: Env;
let queue: Queue;
let checkout: TestCheckout;
let chaosCheckout: TestCheckout;
let worker: WorkerHandle | undefined;
let child: WorkerProcess | undefined;
/** Every parent of the file, checked after every test. */
const parents: TopUpParent[] = [];

/**
 * The worker in this process, with the child's Bull settings: every worker on a queue must
 * share them, since a stalled-job check blocks the others' for its own `stalledInterval`.
 */
function startInProcess(options: Partial<WorkerOptions> = {}): Promise<WorkerHandle> {
  const { queueSettings } = FAST_RECOVERY;
  return startWorker({
    env,
    tenantsDir,
    tenantEnv,
    relayIntervalMs: 50,
    queuePrefix: prefix,
    queueSettings,
    ...options,
  });
}

function startChild(): Promise<WorkerProcess> {
  return spawnWorkerProcess({
    variables: { ...testWorkerVariables({ smtpUrl: catcher.url, redisUrl }), ...tenantEnv, LOG_LEVEL: 'warn' },
    tenantsDir,
    options: FAST_RECOVERY,
  });
}

async function agreement(tenant: TenantConfig, balance: number): Promise<TopUpParent> {
  const parent = await parentWithAgreement(lib, ds, tenant, { balance, amount: String(AGREEMENT_ORE / 100) });
  parents.push(parent);
  return parent;
}

/** A few at a time: each is a sign-up (argon2) and a visit to the provider's page. */
async function agreements(tenant: TenantConfig, count: number, balance: number): Promise<TopUpParent[]> {
  const made: TopUpParent[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Math.min(8, count - i);
    made.push(...(await Promise.all(Array.from({ length: batch }, () => agreement(tenant, balance)))));
  }
  return made;
}

interface Depositor {
  readonly caller: LoginCaller;
  readonly accountId: string;
  readonly email: string;
}

/** Parents who only pay in ("Indbetal"), a few sign-ups (argon2) at a time. */
async function depositorsIn(tenant: TenantConfig, count: number): Promise<Depositor[]> {
  const made: Depositor[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, async () => {
      const person = await createPerson(ds, tenant.slug);
      const email = uniqueEmail('indbetaler');
      const { loginId } = await signUp(lib, tenant.slug, person, email);
      const caller: LoginCaller = { tenantId: tenant.slug, loginId: loginIdOf(loginId) };
      return { caller, accountId: person.accountId, email };
    });
    made.push(...(await Promise.all(batch)));
  }
  return made;
}

const balanceOf = async (tenant: TenantConfig, parent: TopUpParent) =>
  (await paymentsLedger(ds, [tenant.slug])).balanceOf(parent.person.accountId);

const chargesOn = (parent: TopUpParent) =>
  chargesByStoredCard(sim.controls.ledger().charges).get(parent.storedCardId) ?? { count: 0, ore: 0 };

const topUpsOf = async (tenant: TenantConfig, parent: TopUpParent) =>
  (await topUpPayments(ds, tenant.slug)).filter((row) => row.accountId === parent.person.accountId);

/** Events of these accounts not yet marked processed by the top-up. */
async function unprocessed(tenant: TenantConfig, of: readonly TopUpParent[]): Promise<number> {
  let open = 0;
  for (const parent of of) {
    open += (await lowBalanceEvents(ds, tenant.slug, parent.person.accountId)).filter((e) => !e.processed).length;
  }
  return open;
}

/** A failed wait says what the child worker last logged. */
async function orChildOutput<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const output = child?.output().trim();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}${output ? `\nworker output:\n${output}` : ''}`,
    );
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0 });
  catcher = await startSmtpCatcher();
  const schoolSlug = uniqueSlug('topup');
  const chaosSlug = uniqueSlug('chaos');
  tenantsDir = writeTenantsDir([
    { slug: schoolSlug, config: payingTenantYaml(schoolSlug, sim.url, { displayName: 'Auto top-up test' }) },
    { slug: chaosSlug, config: payingTenantYaml(chaosSlug, sim.url, { displayName: 'Auto top-up chaos' }) },
  ]);
  const tenants = loadTenants(tenantsDir, {});
  school = tenants.require(schoolSlug);
  chaos = tenants.require(chaosSlug);
  expect(school.autoTopUp.thresholdOre).toBe(THRESHOLD_ORE);
  tenantEnv = testPaymentEnv([school, chaos]);
  env = testWorkerEnv({ smtpUrl: catcher.url, redisUrl });
  ds = await openAppDataSource(12);
  await syncTenants(
    ds,
    [school, chaos].map((t) => ({ slug: t.slug, name: t.displayName })),
  );
  // Sealed like the portal's e-mails (the sign-ups' activation codes), so the worker sends them.
  lib = await startPaymentsTestContext(
    ds,
    [school, chaos],
    new EmailOutbox(EmailSealer.fromSecret(env.SESSION_SECRET)),
  );
  checkout = await testCheckout(ds, school);
  chaosCheckout = await testCheckout(ds, chaos);
  // The worker's low-balance queue, seen from here (same Redis database and prefix).
  queue = new Bull(QUEUES.balanceEvents, redisUrl, { prefix });
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await child?.stop();
  child = undefined;
  sim.controls.setAnswerDelay(0);

  // Exactly once, for every account of the file: each completed top-up is one charge at the
  // stand-in on the account's card, and the money credited from clearing is what it charged.
  const ledger = await paymentsLedger(ds, [school.slug, chaos.slug]);
  expect(ledger.problems).toEqual([]);
  const byCard = chargesByStoredCard(sim.controls.ledger().charges);
  const completed = new Map<string, number>();
  for (const tenant of [school, chaos]) {
    for (const row of await topUpPayments(ds, tenant.slug)) {
      if (row.status === 'completed') completed.set(row.accountId, (completed.get(row.accountId) ?? 0) + 1);
    }
  }
  const mismatches = parents.filter(
    (p) => (completed.get(p.person.accountId) ?? 0) !== (byCard.get(p.storedCardId)?.count ?? 0),
  );
  expect(mismatches.map((p) => p.person.accountId)).toEqual([]);
  const charged = sim.controls.ledger().charges.reduce((sum, charge) => sum + charge.amount, 0);
  expect(ledger.clearedOre).toBe(charged);
});

afterAll(async () => {
  await worker?.stop();
  await child?.kill();
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await lib?.close();
  if (ds?.isInitialized) await ds.destroy();
  await catcher?.stop();
  await sim?.stop();
  if (tenantsDir) rmSync(tenantsDir, { recursive: true, force: true });
});

it('a till purchase leaving less than 50 kr.: the worker tops up once, by the agreement amount', async () => {
  const parent = await agreement(school, 8_000);
  worker = await startInProcess();
  expect((await checkout.buy(parent.person, 4_000)).balance).toBe(4_000);

  expect(
    await eventually(
      () => balanceOf(school, parent),
      (ore) => ore !== 4_000,
    ),
  ).toBe(4_000 + AGREEMENT_ORE);
  await eventually(
    () => unprocessed(school, [parent]),
    (open) => open === 0,
  );
  expect(chargesOn(parent)).toEqual({ count: 1, ore: AGREEMENT_ORE });
  expect((await topUpsOf(school, parent)).map((row) => [row.status, row.amount])).toEqual([
    ['completed', AGREEMENT_ORE],
  ]);

  // The relay and the queue go on; nothing tops it up again.
  await pause(500);
  expect(chargesOn(parent).count).toBe(1);
  expect(await balanceOf(school, parent)).toBe(4_000 + AGREEMENT_ORE);
});

it('50 concurrent till purchases crossing the threshold: exactly one top-up charge', async () => {
  // 90 kr. and 50 purchases of 1 kr.: the last ten each leave less than 50 kr.
  const parent = await agreement(school, 9_000);
  worker = await startInProcess();
  const answers = await Promise.all(Array.from({ length: 50 }, () => checkout.buy(parent.person, 100)));
  expect(answers.filter((answer) => answer.status === 'approved')).toHaveLength(50);
  expect((await lowBalanceEvents(ds, school.slug, parent.person.accountId)).length).toBeGreaterThanOrEqual(10);

  await eventually(
    () => unprocessed(school, [parent]),
    (open) => open === 0,
  );
  expect(await balanceOf(school, parent)).toBe(9_000 - 5_000 + AGREEMENT_ORE);
  expect(chargesOn(parent)).toEqual({ count: 1, ore: AGREEMENT_ORE });
  expect((await topUpsOf(school, parent)).map((row) => row.status)).toEqual(['completed']);
});

it('SIGKILL between the provider’s charge and our commit: one charge, one credit after a restart', async () => {
  const parent = await agreement(school, 6_000);
  // The stand-in charges at once and answers 5 s later: the worker dies without hearing of it.
  sim.controls.setAnswerDelay(5_000);
  child = await startChild();
  await checkout.buy(parent.person, 2_000);
  await orChildOutput(
    eventually(
      async () => chargesOn(parent).count,
      (count) => count > 0,
      15_000,
    ),
  );
  await child.kill();
  child = undefined;

  // Charged at the provider; we recorded nothing but the attempt.
  expect(chargesOn(parent)).toEqual({ count: 1, ore: AGREEMENT_ORE });
  expect(await balanceOf(school, parent)).toBe(4_000);
  expect((await topUpsOf(school, parent)).map((row) => row.status)).toEqual(['created']);
  expect(await unprocessed(school, [parent])).toBe(1);

  // A new worker: Bull's retry of the stalled job (or the reconciliation, or the sweep) asks
  // again with the same reference, and Nexi answers the first charge.
  sim.controls.setAnswerDelay(0);
  child = await startChild();
  await orChildOutput(
    eventually(
      () => balanceOf(school, parent),
      (ore) => ore !== 4_000,
      15_000,
    ),
  );
  expect(await balanceOf(school, parent)).toBe(4_000 + AGREEMENT_ORE);
  await orChildOutput(
    eventually(
      () => unprocessed(school, [parent]),
      (open) => open === 0,
    ),
  );
  // A few reconciliation passes and sweeps later, still once.
  await pause(1_500);
  expect(chargesOn(parent)).toEqual({ count: 1, ore: AGREEMENT_ORE });
  expect((await topUpsOf(school, parent)).map((row) => row.status)).toEqual(['completed']);
  expect(await balanceOf(school, parent)).toBe(4_000 + AGREEMENT_ORE);
});

it('Redis flushed while low-balance jobs are in flight: every top-up once, after the sweep', async () => {
  const group = await agreements(school, 8, 6_000);
  // The production reconciliation (a pass a minute, about payments 2 minutes old) cannot help
  // here: only the sweep can bring back jobs Redis lost.
  worker = await startInProcess({ outboxSweep: { everyMs: 200, afterMs: 1_000 } });
  // One top-up at a time, each answered 400 ms after its charge: the others wait in Redis.
  sim.controls.setAnswerDelay(400);
  await Promise.all(group.map((parent) => checkout.buy(parent.person, 2_000)));
  const inFlight = async () => {
    const events = await Promise.all(group.map((p) => lowBalanceEvents(ds, school.slug, p.person.accountId)));
    const flat = events.flat();
    const charged = group.filter((p) => chargesOn(p).count > 0).length;
    return { sent: flat.filter((e) => e.sent).length, processed: flat.filter((e) => e.processed).length, charged };
  };
  const before = await eventually(inFlight, (v) => v.sent === group.length && v.charged > 0);
  expect(before.processed).toBeLessThan(group.length - 1);

  await queue.client.flushdb();
  expect(await queue.client.dbsize()).toBe(0);
  sim.controls.setAnswerDelay(0);

  await eventually(
    () => unprocessed(school, group),
    (open) => open === 0,
    20_000,
  );
  for (const parent of group) {
    expect(await balanceOf(school, parent)).toBe(4_000 + AGREEMENT_ORE);
    expect(chargesOn(parent)).toEqual({ count: 1, ore: AGREEMENT_ORE });
    expect((await topUpsOf(school, parent)).map((row) => row.status)).toEqual(['completed']);
  }
});

it('1,000 jobs, 600 top-ups and 400 unreported deposits, with the worker SIGKILLed at random: each once', async () => {
  const ACCOUNTS = 40;
  const ROUNDS = 15;
  const DEPOSITORS = 20;
  const DEPOSITS = 400;
  const group = await agreements(chaos, ACCOUNTS, 6_000);
  const depositors = await depositorsIn(chaos, DEPOSITORS);
  const chargedBefore = new Set(sim.controls.ledger().charges.map((charge) => charge.chargeId));
  const balances = new Map(group.map((p) => [p.person.accountId, 6_000]));
  // A little time between each charge and its answer, for the kills to land in.
  sim.controls.setAnswerDelay(20);
  child = await startChild();

  let running = true;
  let kills = 0;
  let killsMidCharge = 0;
  const completedTopUps = async () =>
    (await topUpPayments(ds, chaos.slug)).filter((row) => row.status === 'completed').length;
  const chargesAtSim = () => group.reduce((sum, p) => sum + chargesOn(p).count, 0);
  // Each worker lives 0.3–2.5 s and settles at least one payment first, so a slow machine
  // (a restart can take longer than a life) still makes progress between the kills.
  const settledCount = async () => {
    const rows = [...(await paymentsFor(ds, chaos.slug, 'top_up')), ...(await paymentsFor(ds, chaos.slug, 'deposit'))];
    return rows.filter((row) => row.status === 'completed').length;
  };
  const killer = (async () => {
    while (running) {
      const before = await settledCount();
      await pause(randomInt(300, 2_500));
      const deadline = Date.now() + 10_000;
      while (running && Date.now() < deadline && (await settledCount()) === before) await pause(50);
      if (!running) break;
      await child?.kill();
      kills += 1;
      // Charged at the stand-in but not yet credited by us: this kill fell between the two.
      if (chargesAtSim() > (await completedTopUps())) killsMidCharge += 1;
      child = await startChild();
    }
  })();

  // Paid on Nexi's page while the rounds run, never reported: only the worker's reconciliation
  // credits them. Each its own amount (50, 51, … kr.), so none is an "Identisk Transaktion".
  const depositedOre = new Map<string, number>();
  const depositing = (async () => {
    for (let i = 0; i < DEPOSITS; i += 4) {
      await Promise.all(
        [0, 1, 2, 3].map(async (offset) => {
          const kroner = 50 + i + offset;
          const depositor = depositors[(i + offset) % DEPOSITORS];
          if (!depositor) throw new Error('no depositor');
          await paidUnreportedDeposit(lib, depositor.caller, chaos, depositor.accountId, {
            kroner: String(kroner),
            receiptEmail: depositor.email,
          });
          depositedOre.set(depositor.accountId, (depositedOre.get(depositor.accountId) ?? 0) + kroner * 100);
        }),
      );
    }
  })();

  let triggers = 0;
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Every account spends down to 40 kr.: one trigger each, the round's top-ups all at once.
      await Promise.all(
        group.map(async (parent) => {
          const balance = balances.get(parent.person.accountId) ?? 0;
          const answer = await chaosCheckout.buy(parent.person, balance - 4_000);
          expect(answer).toMatchObject({ status: 'approved', balance: 4_000 });
          triggers += 1;
        }),
      );
      await orChildOutput(
        eventually(
          async () => {
            const done = new Map<string, number>();
            for (const row of await topUpPayments(ds, chaos.slug)) {
              if (row.status === 'completed') done.set(row.accountId, (done.get(row.accountId) ?? 0) + 1);
            }
            return group.filter((p) => (done.get(p.person.accountId) ?? 0) < round).length;
          },
          (waiting) => waiting === 0,
          60_000,
        ),
      );
      for (const parent of group) balances.set(parent.person.accountId, 4_000 + AGREEMENT_ORE);
    }
    await depositing;
    await orChildOutput(
      eventually(
        async () => (await paymentsFor(ds, chaos.slug, 'deposit')).filter((row) => row.status !== 'completed').length,
        (waiting) => waiting === 0,
        60_000,
      ),
    );
  } finally {
    running = false;
    await killer;
    await depositing.catch(() => undefined);
  }
  await orChildOutput(
    eventually(
      () => unprocessed(chaos, group),
      (open) => open === 0,
      15_000,
    ),
  );

  const ledger = await paymentsLedger(ds, [chaos.slug]);
  const rows = await topUpPayments(ds, chaos.slug);
  const completed = rows.filter((row) => row.status === 'completed');
  const deposits = await paymentsFor(ds, chaos.slug, 'deposit');
  const mismatches =
    group.filter((p) => completed.filter((row) => row.accountId === p.person.accountId).length !== chargesOn(p).count)
      .length + depositors.filter((d) => ledger.balanceOf(d.accountId) !== depositedOre.get(d.accountId)).length;
  const chaosCharges = sim.controls.ledger().charges.filter((charge) => !chargedBefore.has(charge.chargeId));
  const chargedOre = chaosCharges.reduce((sum, charge) => sum + charge.amount, 0);
  console.log(
    `top-ups and deposits under random SIGKILLs: jobs=${triggers + deposits.length} triggers=${triggers} ` +
      `deposits=${deposits.length} kills=${kills} killsMidCharge=${killsMidCharge} ` +
      `charges=${chaosCharges.length} credits=${completed.length + deposits.length} mismatches=${mismatches} ` +
      `chargedOre=${chargedOre} creditedFromClearingOre=${ledger.clearedOre} problems=${ledger.problems.length}`,
  );
  expect(triggers).toBe(ACCOUNTS * ROUNDS);
  expect(deposits).toHaveLength(DEPOSITS);
  expect(deposits.filter((row) => row.status !== 'completed')).toEqual([]);
  expect(kills).toBeGreaterThanOrEqual(3);
  expect(ledger.problems).toEqual([]);
  expect(mismatches).toBe(0);
  expect(completed).toHaveLength(ACCOUNTS * ROUNDS);
  expect(rows.filter((row) => row.status !== 'completed')).toEqual([]);
  expect(chargesAtSim()).toBe(ACCOUNTS * ROUNDS);
  expect(chaosCharges).toHaveLength(ACCOUNTS * ROUNDS + DEPOSITS);
  expect(ledger.clearedOre).toBe(chargedOre);
  for (const parent of group) expect(ledger.balanceOf(parent.person.accountId)).toBe(4_000 + AGREEMENT_ORE);
}, 300_000);
