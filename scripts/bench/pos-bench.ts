import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { installCeilingFixtures } from './ceiling-fixtures';
import { printCeilingSummary, printStatementTop } from './ceiling-report';
import { Cleanup } from './cleanup';
import { cpuPerRequest, cpuSnapshot, postmasterPid } from './cpu';
import {
  ledgerViolations,
  lowBalanceEvents,
  phaseDecisions,
  referenceApprovals,
  startBenchDatabase,
  type BenchDatabase,
} from './database';
import { runDirect, type LoadSpec, type RawLoad } from './direct-load';
import { ensurePgbenchInstalled, pgbenchVersion } from './ensure-pgbench';
import { runHttp } from './http-load';
import { parseOptions, UsageError, type BenchOptions } from './options';
import { runPgbench } from './pgbench-load';
import { startPosServer, type PosServer } from './pos-server';
import { printFacts, printHot, printRound, printSummary, type Hot, type Round } from './report';
import { seed } from './seed';
import { enableStatementProfile, resetStatementProfile, topStatements } from './statement-profile';
import type { PhaseResult } from './stats';
import type { CardPopulation, Fixture } from './workload';

/**
 * `npm run bench:pos`: is the POS HTTP path close to what the database can do? (a) the
 * purchase function straight over pg, (b) POST /pos/v1/purchases through the real app, on
 * the same seeded data; (b+), (b) again with the 10% of cards that have an auto top-up
 * agreement (and so write a low-balance event with each purchase) among the random ones,
 * against (b) without them; and the database's own ceiling with no Node in between: (c)
 * pgbench calling pos_purchase, (d) pgbench calling a minimal reference authorization on the
 * same tables (ceiling-fixtures.ts). The machine is noisy, so the phases are interleaved
 * (order rotated and reversed round by round) and the verdict uses medians over rounds.
 */
const log = (line: string): void => void process.stdout.write(`· ${line}\n`);
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Context {
  readonly options: BenchOptions;
  readonly db: BenchDatabase;
  readonly pos: PosServer;
  readonly fixture: Fixture;
  readonly postmasterPid: number;
  /** bench_cards' size: (c) and (d) draw random(1, this). */
  readonly benchCards: number;
  /** pgbench's scripts and per-transaction logs. */
  readonly pgbenchDir: string;
}

type Path = 'direct' | 'http' | 'pgbench-purchase' | 'pgbench-reference';

/** Runs the load; pgbench's CPU is reported apart (a child's CPU is not in process.cpuUsage). */
async function drive(ctx: Context, path: Path, spec: LoadSpec): Promise<{ raw: RawLoad; generatorCpuMs: number }> {
  if (path === 'direct') return { raw: await runDirect(ctx.db.appUrl, spec), generatorCpuMs: 0 };
  if (path === 'http') return { raw: await runHttp(ctx.pos.origin, spec), generatorCpuMs: 0 };
  const raw = await runPgbench({
    work: path === 'pgbench-purchase' ? 'pos_purchase' : 'reference',
    appUrl: ctx.db.appUrl,
    workDir: ctx.pgbenchDir,
    connections: spec.connections,
    // A thread per core: pgbench's threads only wait on sockets, and more would just
    // compete with PostgreSQL for the same two cores.
    threads: Math.min(spec.connections, availableParallelism()),
    durationSeconds: spec.durationSeconds,
    mode: ctx.options.pgbenchMode,
    amount: spec.amount,
    cards: ctx.benchCards,
    tills: ctx.options.tills,
    keyPrefix: spec.keyPrefix,
  });
  return { raw, generatorCpuMs: raw.generatorCpuMs };
}

async function phase(
  ctx: Context,
  path: Path,
  label: string,
  keyPrefix: string,
  hot: boolean,
  population: CardPopulation,
  duration?: number,
): Promise<PhaseResult> {
  const spec: LoadSpec = {
    fixture: ctx.fixture,
    connections: ctx.options.connections,
    durationSeconds: duration ?? ctx.options.durationSeconds,
    amount: ctx.options.amount,
    hot,
    population,
    keyPrefix,
  };
  const before = cpuSnapshot(ctx.pos.pid, ctx.postmasterPid);
  const { raw, generatorCpuMs } = await drive(ctx, path, spec);
  // In-flight purchases at the deadline commit just after it, and the direct clients'
  // backends exit: let both land before counting.
  await pause(300);
  const snapshot = cpuSnapshot(ctx.pos.pid, ctx.postmasterPid);
  const after = { ...snapshot, benchMs: snapshot.benchMs + generatorCpuMs };
  const decisions =
    path === 'pgbench-reference'
      ? await referenceApprovals(ctx.db.adminUrl, keyPrefix)
      : await phaseDecisions(ctx.db.adminUrl, keyPrefix);
  return {
    label,
    ok: raw.ok,
    failed: raw.failed,
    elapsedSeconds: raw.elapsedSeconds,
    tps: raw.ok / raw.elapsedSeconds,
    ...raw.latencies.summary(),
    ...decisions,
    failures: raw.failures,
    cpu: cpuPerRequest(before, after, raw.ok, raw.elapsedSeconds * 1000),
  };
}

/** Each round's order: BASE rotated by the round, reversed every other round, so no phase is
 * always first or always runs right after the same one. */
const BASE_ORDER = ['direct', 'http', 'pgbenchPurchase', 'pgbenchReference', 'withAgreements'] as const;
type PhaseName = (typeof BASE_ORDER)[number];
const SHORT: Record<PhaseName, string> = {
  direct: 'a',
  http: 'b',
  withAgreements: 'b+',
  pgbenchPurchase: 'c',
  pgbenchReference: 'd',
};

function roundOrder(round: number): PhaseName[] {
  const base: PhaseName[] = round % 2 === 1 ? [...BASE_ORDER] : [...BASE_ORDER].reverse();
  const shift = (round - 1) % base.length;
  return [...base.slice(shift), ...base.slice(0, shift)];
}

function pgbenchWorkDir(cleanup: Cleanup): string {
  const dir = mkdtempSync(join(tmpdir(), 'kantinekort-bench-pgbench-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  cleanup.add('pgbench dir', async () => remove(), remove);
  return dir;
}

async function bench(options: BenchOptions, cleanup: Cleanup): Promise<void> {
  const cpu = cpus()[0]?.model ?? '?';
  // Before anything slow starts: a missing pgbench should fail in a second, not after seeding.
  ensurePgbenchInstalled();
  log(
    `mode: ${options.quick ? 'quick' : 'full'} — ${options.cards.toLocaleString('en-US')} cards over ${options.tenants} tenants, ` +
      `${options.connections} connections, ${options.rounds} round(s) × ${options.durationSeconds} s, POS pool ${options.poolSize}`,
  );
  let t = performance.now();
  log('starting a private PostgreSQL and migrating…');
  const db = await startBenchDatabase(cleanup, options.statementProfile);
  log(`PostgreSQL ${db.serverVersion} ready in ${seconds(t)}`);
  t = performance.now();
  const fixture = await seed(db, options.tenants, options.cards, options.tills);
  log(
    `seeded ${options.cards.toLocaleString('en-US')} cards + 1 hot card, VACUUM ANALYZE, CHECKPOINT in ${seconds(t)}`,
  );
  const benchCards = await installCeilingFixtures(db.adminUrl);
  if (options.statementProfile) await enableStatementProfile(db.adminUrl);
  log(`bench_cards (${benchCards.toLocaleString('en-US')} cards for pgbench) and bench_reference_purchase created`);
  t = performance.now();
  const pos = await startPosServer(db, options.poolSize, cleanup);
  log(`POS app (${pos.entry}, pid ${pos.pid}) listening on ${pos.origin} after ${seconds(t)}`);
  const ctx: Context = {
    options,
    db,
    pos,
    fixture,
    postmasterPid: postmasterPid(db.dataDir),
    benchCards,
    pgbenchDir: pgbenchWorkDir(cleanup),
  };

  if (options.warmupSeconds > 0) {
    log(`warming up ${options.warmupSeconds} s per path (not reported)…`);
    await phase(ctx, 'direct', 'warm-up', 'wa-', false, 'all', options.warmupSeconds);
    await phase(ctx, 'http', 'warm-up', 'wb-', false, 'all', options.warmupSeconds);
    await phase(ctx, 'pgbench-purchase', 'warm-up', 'wpg-', false, 'without-agreements', options.warmupSeconds);
    await phase(ctx, 'pgbench-reference', 'warm-up', 'wref-', false, 'without-agreements', options.warmupSeconds);
  }
  process.stdout.write('\n');
  printFacts([
    ['cores', `${availableParallelism()} (${cpu})`],
    ['node', process.version],
    ['PostgreSQL', db.serverVersion],
    ['pgbench', `${pgbenchVersion()}, -M ${options.pgbenchMode}`],
    ['profile', options.statementProfile ? 'pg_stat_statements, track = all' : 'off (--no-profile)'],
    ['tills', `${options.tills} per tenant; connection k is till k mod ${options.tills} of the card's tenant`],
    [
      'load average',
      loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
    ],
  ]);

  // The profile covers exactly the measured rounds: not seeding, warm-up or the hot card.
  if (options.statementProfile) await resetStatementProfile(db.adminUrl);
  const rounds: Round[] = [];
  const orders: string[] = [];
  for (let r = 1; r <= options.rounds; r += 1) {
    // (b+) is (b) with the 10% of cards that have an auto top-up agreement among the random ones;
    // (c) and (d) draw from (a)'s and (b)'s cards (bench_cards).
    const runs: Record<PhaseName, () => Promise<PhaseResult>> = {
      direct: () => phase(ctx, 'direct', '(a) direct pg', `r${r}a-`, false, 'without-agreements'),
      http: () => phase(ctx, 'http', '(b) HTTP autocannon', `r${r}b-`, false, 'without-agreements'),
      withAgreements: () => phase(ctx, 'http', '(b+) HTTP, 10% agr.', `r${r}c-`, false, 'all'),
      pgbenchPurchase: () =>
        phase(ctx, 'pgbench-purchase', '(c) pgbench own fn', `r${r}pg-`, false, 'without-agreements'),
      pgbenchReference: () =>
        phase(ctx, 'pgbench-reference', '(d) pgbench ref.', `r${r}ref-`, false, 'without-agreements'),
    };
    const order = roundOrder(r);
    const results: Partial<Record<PhaseName, PhaseResult>> = {};
    for (const name of order) results[name] = await runs[name]();
    const { direct, http, withAgreements, pgbenchPurchase, pgbenchReference } = results;
    if (!direct || !http || !withAgreements || !pgbenchPurchase || !pgbenchReference)
      throw new Error('a phase did not run');
    const round: Round = { direct, http, withAgreements, pgbenchPurchase, pgbenchReference };
    rounds.push(round);
    orders.push(order.map((name) => SHORT[name]).join(' '));
    printRound(r, orders[orders.length - 1], round, options);
  }
  const statements = options.statementProfile ? await topStatements(db.adminUrl) : undefined;

  const hot: Hot = {
    direct: await phase(ctx, 'direct', '(a) direct pg', 'hota-', true, 'all'),
    http: await phase(ctx, 'http', '(b) HTTP autocannon', 'hotb-', true, 'all'),
  };
  printHot(hot, options);
  printSummary(rounds, hot, options);
  printCeilingSummary(rounds, orders, options);
  if (statements) printStatementTop(statements, `over the ${rounds.length} measured round(s)`);

  const cPurchases = rounds.reduce((sum, round) => sum + round.withAgreements.approved, 0);
  process.stdout.write(
    `Low-balance events written (the (b+) phases' purchases on agreement cards, and warm-up): ` +
      `${(await lowBalanceEvents(db.adminUrl)).toLocaleString('en-US')} (of ${cPurchases.toLocaleString('en-US')} approved (b+) purchases)\n`,
  );
  const ledger = await ledgerViolations(db.adminUrl);
  const ok = ledger.unbalanced === 0 && ledger.walletMismatches === 0 && ledger.negativeWallets === 0;
  process.stdout.write(
    `Ledger after the run (incl. (d)'s reference postings): ${ok ? 'consistent' : 'INCONSISTENT'} ` +
      `(${ledger.transactions.toLocaleString('en-US')} transactions, ${ledger.unbalanced} unbalanced; ` +
      `${ledger.wallets.toLocaleString('en-US')} wallets, ${ledger.walletMismatches} ≠ their postings, ` +
      `${ledger.negativeWallets} below zero)\n`,
  );
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const cleanup = new Cleanup();
  cleanup.installSignalHandlers();
  try {
    await bench(options, cleanup);
    return 0;
  } catch (error) {
    if (cleanup.interrupted) return 130;
    process.stderr.write(
      `pos-bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  } finally {
    log('stopping the POS app and PostgreSQL…');
    await cleanup.runAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pos-bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
