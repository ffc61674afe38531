import type { BenchOptions } from './options';
import { ceilingRatios, type Round } from './report';
import { oneLine, type StatementStat } from './statement-profile';
import { median } from './stats';

/** Issue 10's targets: the HTTP path against the database's own ceiling, same run. */
export const CEILING_TARGETS = { bc: 0.85, cd: 0.8, bd: 0.68 } as const;

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const fixed = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const count = (n: number): string => n.toLocaleString('en-US');

const MODE_NOTE: Record<BenchOptions['pgbenchMode'], string> = {
  simple: 'simple query protocol, values in the text',
  extended: 'unnamed Parse/Bind/Execute per call (the app before its named statements)',
  prepared: 'named statements parsed once per connection, as the POS app sends its calls',
};

type RatioName = keyof typeof CEILING_TARGETS;
const RATIOS: readonly RatioName[] = ['bc', 'cd', 'bd'];
const LABEL: Record<RatioName, string> = { bc: 'b/c', cd: 'c/d', bd: 'b/d' };

/**
 * b/c: how close the HTTP path comes to our own function; c/d: how close our function comes to
 * the least the work needs; b/d: both. Per round, medians, and first round against last, since
 * the ledger grows over the run and a ratio that falls with it is a cost that grows with data.
 */
export function printCeilingSummary(rounds: readonly Round[], orders: readonly string[], options: BenchOptions): void {
  const ratios = rounds.map(ceilingRatios);
  out(
    `Database ceiling — (c) pgbench → pos_purchase, (d) pgbench → minimal reference, as the app role, ` +
      `${options.connections} clients, ${options.durationSeconds} s each`,
  );
  out(`  pgbench -M ${options.pgbenchMode}: ${MODE_NOTE[options.pgbenchMode]}`);
  out(
    `  ${'round'.padEnd(7)}${'ran'.padEnd(18)}${['(b) tps', '(c) tps', '(d) tps', 'b/c', 'c/d', 'b/d'].map((t) => t.padStart(9)).join('')}`,
  );
  rounds.forEach((round, i) => {
    const cells = [round.http.tps, round.pgbenchPurchase.tps, round.pgbenchReference.tps].map((t) => fixed(t, 0));
    cells.push(...RATIOS.map((name) => fixed(ratios[i][name], 3)));
    out(`  ${String(i + 1).padEnd(7)}${orders[i].padEnd(18)}${cells.map((c) => c.padStart(9)).join('')}`);
  });
  const medianOf = (name: RatioName): number => median(ratios.map((r) => r[name]));
  const tpsMedians = [
    median(rounds.map((r) => r.http.tps)),
    median(rounds.map((r) => r.pgbenchPurchase.tps)),
    median(rounds.map((r) => r.pgbenchReference.tps)),
  ].map((t) => fixed(t, 0));
  const ratioMedians = RATIOS.map((name) => fixed(medianOf(name), 3));
  out(`  ${'median'.padEnd(25)}${[...tpsMedians, ...ratioMedians].map((c) => c.padStart(9)).join('')}`);
  out(
    `  median p50/p99 ms  (c) ${fixed(median(rounds.map((r) => r.pgbenchPurchase.p50Ms)), 2)}/` +
      `${fixed(median(rounds.map((r) => r.pgbenchPurchase.p99Ms)), 2)}   (d) ` +
      `${fixed(median(rounds.map((r) => r.pgbenchReference.p50Ms)), 2)}/` +
      `${fixed(median(rounds.map((r) => r.pgbenchReference.p99Ms)), 2)}`,
  );
  // Database CPU per call: what each ceiling costs the server, apart from how busy the machine was.
  const pgMs = (pick: (r: Round) => number): string => fixed(median(rounds.map(pick)), 3);
  out(
    `  median PostgreSQL CPU ms/call  (b) ${pgMs((r) => r.http.cpu.pgMs)}   (c) ${pgMs((r) => r.pgbenchPurchase.cpu.pgMs)}` +
      `   (d) ${pgMs((r) => r.pgbenchReference.cpu.pgMs)}`,
  );
  const first = ratios[0];
  const last = ratios[ratios.length - 1];
  const falling = RATIOS.filter((name) => last[name] < first[name]);
  if (ratios.length > 1) {
    const trend = RATIOS.map((name) => {
      const change = (last[name] / first[name] - 1) * 100;
      return `${LABEL[name]} ${fixed(first[name], 3)} → ${fixed(last[name], 3)} (${change >= 0 ? '+' : ''}${fixed(change, 1)}%)`;
    });
    out(`  first → last round  ${trend.join('   ')}`);
  }
  out();
  out('Targets (issue 10: the HTTP path against the database ceiling)');
  for (const name of RATIOS) {
    const value = medianOf(name);
    verdict(value >= CEILING_TARGETS[name], `median ${LABEL[name]} ${fixed(value, 3)} ≥ ${CEILING_TARGETS[name]}`);
  }
  if (ratios.length > 1) {
    verdict(
      falling.length === 0,
      falling.length === 0
        ? 'no ratio falls from the first round to the last'
        : `falls from the first round to the last: ${falling.map((n) => LABEL[n]).join(', ')} ` +
            `(weigh against the rounds' spread and "other" load)`,
    );
  } else {
    out('  –     first vs last round: needs ≥ 2 rounds');
  }
  out();
}

export function printStatementTop(statements: readonly StatementStat[], scope: string): void {
  out(`pg_stat_statements — top ${statements.length} by total execution time, ${scope}`);
  out('  (app role only; track = all: "nested" ran inside a function and is also inside its caller\'s time)');
  out(
    `  ${'calls'.padStart(9)}${'total ms'.padStart(11)}${'mean ms'.padStart(9)}${'rows'.padStart(9)}  ${'level'.padEnd(7)} query`,
  );
  for (const s of statements) {
    out(
      `  ${count(s.calls).padStart(9)}${fixed(s.totalMs, 0).padStart(11)}${fixed(s.meanMs, 3).padStart(9)}` +
        `${count(s.rows).padStart(9)}  ${(s.toplevel ? 'top' : 'nested').padEnd(7)} ${oneLine(s.query, 100)}`,
    );
  }
  out();
}

function verdict(pass: boolean, text: string): void {
  out(`  ${pass ? 'PASS' : 'MISS'}  ${text}`);
}
