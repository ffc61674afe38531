import { cpus, loadavg, availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Cleanup } from './cleanup';
import { cpuPerRequest, cpuSnapshot, postmasterPid } from './cpu';
import { ledgerViolations, lowBalanceEvents, phaseDecisions, startBenchDatabase, type BenchDatabase } from './database';
import { runDirect, type LoadSpec, type RawLoad } from './direct-load';
import { runHttp } from './http-load';
import { parseOptions, UsageError, type BenchOptions } from './options';
import { startPosServer, type PosServer } from './pos-server';
import { printFacts, printHot, printRound, printSummary, type Hot, type Round } from './report';
import { seed } from './seed';
import type { PhaseResult } from './stats';
import type { CardPopulation, Fixture } from './workload';

/**
 * `npm run bench:pos`: is the POS HTTP path close to what the database can do? (a) the
 * purchase function straight over pg, (b) POST /pos/v1/purchases through the real app, on
 * the same seeded data; and (b+), (b) again with the 10% of cards that have an auto top-up
 * agreement (and so write a low-balance event with each purchase) among the random ones,
 * against (b) without them. The machine is noisy, so the phases are interleaved (order
 * reversed every other round) and the verdict uses medians over rounds.
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
}

type Path = 'direct' | 'http';

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
  const raw: RawLoad = path === 'direct' ? await runDirect(ctx.db.appUrl, spec) : await runHttp(ctx.pos.origin, spec);
  // In-flight purchases at the deadline commit just after it, and the direct clients'
  // backends exit: let both land before counting.
  await pause(300);
  const after = cpuSnapshot(ctx.pos.pid, ctx.postmasterPid);
  const decisions = await phaseDecisions(ctx.db.adminUrl, keyPrefix);
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

async function bench(options: BenchOptions, cleanup: Cleanup): Promise<void> {
  const cpu = cpus()[0]?.model ?? '?';
  log(
    `mode: ${options.quick ? 'quick' : 'full'} — ${options.cards.toLocaleString('en-US')} cards over ${options.tenants} tenants, ` +
      `${options.connections} connections, ${options.rounds} round(s) × ${options.durationSeconds} s, POS pool ${options.poolSize}`,
  );
  let t = performance.now();
  log('starting a private PostgreSQL and migrating…');
  const db = await startBenchDatabase(cleanup);
  log(`PostgreSQL ${db.serverVersion} ready in ${seconds(t)}`);
  t = performance.now();
  const fixture = await seed(db, options.tenants, options.cards);
  log(
    `seeded ${options.cards.toLocaleString('en-US')} cards + 1 hot card, VACUUM ANALYZE, CHECKPOINT in ${seconds(t)}`,
  );
  t = performance.now();
  const pos = await startPosServer(db, options.poolSize, cleanup);
  log(`POS app (${pos.entry}, pid ${pos.pid}) listening on ${pos.origin} after ${seconds(t)}`);
  const ctx: Context = { options, db, pos, fixture, postmasterPid: postmasterPid(db.dataDir) };

  if (options.warmupSeconds > 0) {
    log(`warming up ${options.warmupSeconds} s per path (not reported)…`);
    await phase(ctx, 'direct', 'warm-up', 'wa-', false, 'all', options.warmupSeconds);
    await phase(ctx, 'http', 'warm-up', 'wb-', false, 'all', options.warmupSeconds);
  }
  process.stdout.write('\n');
  printFacts([
    ['cores', `${availableParallelism()} (${cpu})`],
    ['node', process.version],
    ['PostgreSQL', db.serverVersion],
    [
      'load average',
      loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
    ],
  ]);

  const rounds: Round[] = [];
  for (let r = 1; r <= options.rounds; r += 1) {
    // Alternating order, so a drifting machine does not always favour the path that goes first.
    // (b+) is (b) with the 10% of cards that have an auto top-up agreement among the random ones.
    const forward = r % 2 === 1;
    const runs = {
      direct: () => phase(ctx, 'direct', '(a) direct pg', `r${r}a-`, false, 'without-agreements'),
      http: () => phase(ctx, 'http', '(b) HTTP autocannon', `r${r}b-`, false, 'without-agreements'),
      withAgreements: () => phase(ctx, 'http', '(b+) HTTP, 10% agr.', `r${r}c-`, false, 'all'),
    };
    const order = forward
      ? (['direct', 'http', 'withAgreements'] as const)
      : (['withAgreements', 'http', 'direct'] as const);
    const results: Partial<Record<keyof typeof runs, PhaseResult>> = {};
    for (const name of order) results[name] = await runs[name]();
    const { direct, http, withAgreements } = results;
    if (!direct || !http || !withAgreements) throw new Error('a phase did not run');
    const round: Round = { direct, http, withAgreements };
    rounds.push(round);
    printRound(r, forward ? 'a, b, b+' : 'b+, b, a', round, options);
  }

  const hot: Hot = {
    direct: await phase(ctx, 'direct', '(a) direct pg', 'hota-', true, 'all'),
    http: await phase(ctx, 'http', '(b) HTTP autocannon', 'hotb-', true, 'all'),
  };
  printHot(hot, options);
  printSummary(rounds, hot, options);

  const cPurchases = rounds.reduce((sum, round) => sum + round.withAgreements.approved, 0);
  process.stdout.write(
    `Low-balance events written (the (b+) phases' purchases on agreement cards, and warm-up): ` +
      `${(await lowBalanceEvents(db.adminUrl)).toLocaleString('en-US')} (of ${cPurchases.toLocaleString('en-US')} approved (b+) purchases)\n`,
  );
  const ledger = await ledgerViolations(db.adminUrl);
  const ok = ledger.unbalanced === 0 && ledger.walletMismatches === 0;
  process.stdout.write(
    `Ledger after the run: ${ok ? 'consistent' : 'INCONSISTENT'} ` +
      `(${ledger.unbalanced} unbalanced transactions, ${ledger.walletMismatches} wallets ≠ their postings)\n`,
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
