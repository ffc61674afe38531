import { median, type PhaseResult } from './stats';
import type { BenchOptions } from './options';

/** The issue's targets, stated for 16 connections on the 2-core machine. */
export const TARGETS = { ratio: 0.7, p99Ms: 15, hotApprovalsPerSecond: 1000, connections: 16 } as const;

export interface Round {
  readonly direct: PhaseResult;
  readonly http: PhaseResult;
  /** (b) with the cards that have auto top-up agreements among the random ones. */
  readonly withAgreements: PhaseResult;
  /** (c) pgbench calling pos_purchase as the app role: the ceiling of our own function. */
  readonly pgbenchPurchase: PhaseResult;
  /** (d) pgbench calling the bench's minimal reference authorization: the ceiling of the work. */
  readonly pgbenchReference: PhaseResult;
}

export interface Hot {
  readonly direct: PhaseResult;
  readonly http: PhaseResult;
}

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const fixed = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const count = (n: number): string => n.toLocaleString('en-US');

export function printFacts(facts: readonly (readonly [string, string])[]): void {
  out('Machine');
  for (const [name, value] of facts) out(`  ${name.padEnd(14)} ${value}`);
  out();
  out('Columns: tps, p50/p99/max = successful calls finished inside the window and their latency;');
  out(
    '  approved/declined = what the database recorded for the phase (incl. the ≤ N calls still in flight at the end);',
  );
  out('  CPU ms/req = CPU time per ok call of the load generator (this process, plus pgbench in (c)/(d)),');
  out('    the POS app (idle in (c)/(d)) and PostgreSQL;');
  out('  cores = all three together over the window (2.00 = both cores; less means waiting, e.g. on fsync or locks);');
  out(
    '  other = cores busy with anything else on the machine meanwhile (noise: treat a phase with a high one with care).',
  );
  out();
}

/** Approved purchases per second: the window's throughput times the share the database approved. */
export function approvalsPerSecond(phase: PhaseResult): number {
  const decided = phase.approved + phase.declined;
  return decided ? (phase.tps * phase.approved) / decided : Number.NaN;
}

interface Column {
  readonly title: string;
  readonly width: number;
  readonly cell: (p: PhaseResult) => string;
}

const COLUMNS: readonly Column[] = [
  { title: 'tps', width: 7, cell: (p) => fixed(p.tps, 0) },
  { title: 'p50 ms', width: 8, cell: (p) => fixed(p.p50Ms, 2) },
  { title: 'p99 ms', width: 8, cell: (p) => fixed(p.p99Ms, 2) },
  { title: 'max ms', width: 8, cell: (p) => fixed(p.maxMs, 1) },
  { title: 'ok', width: 8, cell: (p) => count(p.ok) },
  { title: 'failed', width: 7, cell: (p) => count(p.failed) },
  { title: 'approved/declined', width: 19, cell: (p) => `${count(p.approved)}/${count(p.declined)}` },
  // Where each request's CPU went: load generator / POS app / PostgreSQL, and cores used in all.
  {
    title: 'CPU ms/req gen app pg',
    width: 23,
    cell: (p) => [p.cpu.benchMs, p.cpu.posMs, p.cpu.pgMs].map((v) => fixed(v, 2)).join(' '),
  },
  { title: 'cores', width: 6, cell: (p) => fixed(p.cpu.cores, 2) },
  { title: 'other', width: 6, cell: (p) => fixed(p.cpu.otherCores, 2) },
];

function printTable(title: string, phases: readonly PhaseResult[], extra: readonly string[] = []): void {
  out(title);
  out(`  ${'path'.padEnd(20)}${COLUMNS.map((c) => c.title.padStart(c.width)).join('')}`);
  for (const p of phases) {
    out(`  ${p.label.padEnd(20)}${COLUMNS.map((c) => c.cell(p).padStart(c.width)).join('')}`);
    if (p.failures) out(`    failures: ${p.failures}`);
  }
  for (const line of extra) out(`  ${line}`);
  out();
}

export function ratio(round: Round): number {
  return round.http.tps / round.direct.tps;
}

/** With agreements against without, both over HTTP: 1.0 = no cost. */
export function agreementRatio(round: Round): number {
  return round.withAgreements.tps / round.http.tps;
}

/** (b) against the ceilings: HTTP / own function, own function / reference, HTTP / reference. */
export function ceilingRatios(round: Round): { bc: number; cd: number; bd: number } {
  return {
    bc: round.http.tps / round.pgbenchPurchase.tps,
    cd: round.pgbenchPurchase.tps / round.pgbenchReference.tps,
    bd: round.http.tps / round.pgbenchReference.tps,
  };
}

export function printRound(index: number, order: string, round: Round, options: BenchOptions): void {
  const { bc, cd, bd } = ceilingRatios(round);
  printTable(
    `Round ${index} — random cards, ${options.connections} connections, ${options.durationSeconds} s each (ran ${order})`,
    [round.direct, round.http, round.withAgreements, round.pgbenchPurchase, round.pgbenchReference],
    [
      `ratio b/a = ${fixed(ratio(round), 3)}   b+/b = ${fixed(agreementRatio(round), 3)}   ` +
        `b/c = ${fixed(bc, 3)}   c/d = ${fixed(cd, 3)}   b/d = ${fixed(bd, 3)}`,
    ],
  );
}

export function printHot(hot: Hot, options: BenchOptions): void {
  printTable(
    `Hot card — one card, ${options.connections} connections, ${options.durationSeconds} s each`,
    [hot.direct, hot.http],
    [`approvals/s: (a) ${fixed(approvalsPerSecond(hot.direct), 0)}, (b) ${fixed(approvalsPerSecond(hot.http), 0)}`],
  );
}

/** Prints medians over the rounds and PASS/MISS per target; the exit code does not depend on it. */
export function printSummary(rounds: readonly Round[], hot: Hot, options: BenchOptions): void {
  const medianRatio = median(rounds.map(ratio));
  const p99a = median(rounds.map((r) => r.direct.p99Ms));
  const p99b = median(rounds.map((r) => r.http.p99Ms));
  const hotB = approvalsPerSecond(hot.http);
  const phases = rounds.flatMap((r) => [r.direct, r.http, r.withAgreements, r.pgbenchPurchase, r.pgbenchReference]);
  const failed = [...phases, hot.direct, hot.http].reduce((n, p) => n + p.failed, 0);
  out(`Summary over ${rounds.length} round(s)`);
  out(`  ratios b/a         ${rounds.map((r) => fixed(ratio(r), 3)).join(', ')}`);
  out(
    `  agreements b+/b   ${rounds.map((r) => fixed(agreementRatio(r), 3)).join(', ')} (median ${fixed(median(rounds.map(agreementRatio)), 3)}; ` +
      `p99 ms b ${fixed(median(rounds.map((r) => r.http.p99Ms)), 2)} vs b+ ${fixed(median(rounds.map((r) => r.withAgreements.p99Ms)), 2)})`,
  );
  out(
    `  median tps         (a) ${fixed(median(rounds.map((r) => r.direct.tps)), 0)}   (b) ${fixed(median(rounds.map((r) => r.http.tps)), 0)}`,
  );
  out(
    `  median p50 ms      (a) ${fixed(median(rounds.map((r) => r.direct.p50Ms)), 2)}   (b) ${fixed(median(rounds.map((r) => r.http.p50Ms)), 2)}`,
  );
  out(`  median p99 ms      (a) ${fixed(p99a, 2)}   (b) ${fixed(p99b, 2)}`);
  out(`  failed requests    ${count(failed)}`);
  out(
    `  other load, cores  ${rounds.map((r) => `${fixed(r.direct.cpu.otherCores, 2)}/${fixed(r.http.cpu.otherCores, 2)}`).join(', ')} (a/b per round)`,
  );
  // A closed loop: each connection waits for its answer, so mean latency = connections / tps.
  const httpTps = median(rounds.map((r) => r.http.tps));
  out(
    `  closed loop        ${options.connections} connections / ${fixed(httpTps, 0)} tps = ${fixed((options.connections / httpTps) * 1000, 1)} ms mean latency (b)`,
  );
  out();
  const note =
    options.connections === TARGETS.connections ? '' : ` (targets are stated for ${TARGETS.connections} connections)`;
  out(`Targets${note}`);
  verdict(medianRatio >= TARGETS.ratio, `median ratio b/a ${fixed(medianRatio, 3)} ≥ ${TARGETS.ratio}`);
  verdict(p99b <= TARGETS.p99Ms, `median HTTP p99 ${fixed(p99b, 2)} ms ≤ ${TARGETS.p99Ms} ms (random cards)`);
  verdict(
    hotB >= TARGETS.hotApprovalsPerSecond,
    `hot card HTTP ${fixed(hotB, 0)} approvals/s ≥ ${count(TARGETS.hotApprovalsPerSecond)}`,
  );
  verdict(failed === 0, 'no failed requests');
  out();
}

function verdict(pass: boolean, text: string): void {
  out(`  ${pass ? 'PASS' : 'MISS'}  ${text}`);
}
