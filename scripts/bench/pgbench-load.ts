import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { purchaseRequestHash, spendingPeriods } from '@kk/pos-authorization';
import type { RawLoad } from './direct-load';
import { LatencyRecorder } from './stats';
import { LOW_BALANCE_THRESHOLD } from './workload';

/** pgbench's -M: simple = one Query message with the values in the text; extended = unnamed
 * Parse/Bind/Execute every call (what node-pg, and so the app, does without `name:`);
 * prepared = a named statement parsed once per connection. */
export const PGBENCH_MODES = ['simple', 'extended', 'prepared'] as const;
export type PgbenchMode = (typeof PGBENCH_MODES)[number];

/** (c) the product's own pos_purchase; (d) the bench's minimal reference (ceiling-fixtures.ts). */
export type PgbenchWork = 'pos_purchase' | 'reference';

export interface PgbenchSpec {
  readonly work: PgbenchWork;
  /** Connection string of the app role: pgbench connects as the POS app does. */
  readonly appUrl: string;
  /** Where the scripts and per-transaction logs go (removed with the bench's temp dir). */
  readonly workDir: string;
  readonly connections: number;
  readonly threads: number;
  readonly durationSeconds: number;
  readonly mode: PgbenchMode;
  readonly amount: number;
  /** bench_cards' size: cards are random(1, cards). */
  readonly cards: number;
  /** Tills per tenant: client k is the till of lane k mod tills. */
  readonly tills: number;
  /** Every idempotency (resp. ledger) key of the phase starts with this. */
  readonly keyPrefix: string;
}

export interface PgbenchLoad extends RawLoad {
  /** CPU time pgbench itself used, ms (it is this process's child: reaped, so in cutime). */
  readonly generatorCpuMs: number;
}

/**
 * The script for one phase. A fresh key per call is the prefix, the client and a 62-bit
 * random number (pgbench has no counter; a clash among ~10⁵ keys is ~10⁻⁹ likely). pgbench
 * substitutes every `:name`, even inside quotes, so the script has no colon but its own
 * variables' and casts': the periods are epoch seconds. The periods are those of today, as
 * the app computes them (the seeded accounts have no limits, so they bound no sum here);
 * the request hash is one real hash, constant: the app stores it, nothing looks it up.
 */
// The random card, and the till of this client's lane in the card's tenant: each pgbench client
// is a till of its own, as each connection of (a) and (b) is (workload.ts).
const cardAndLaneTill = (tills: number) =>
  `bench_cards b JOIN bench_tills t ON t.tenant_id = b.tenant_id AND t.lane = :client_id % ${tills}`;

export function pgbenchScript(spec: PgbenchSpec): string {
  const key = `'${spec.keyPrefix}' || :client_id::text || '.' || :key::text`;
  const pick = [`\\set n random(1, ${spec.cards})`, `\\set key random(0, 4611686018427387903)`];
  if (spec.work === 'reference') {
    return [
      ...pick,
      `SELECT bench_reference_purchase(b.tenant_id, b.card_number, t.sales_account_id, ${key}, ${spec.amount}, now())` +
        ` FROM ${cardAndLaneTill(spec.tills)} WHERE b.n = :n;`,
      '',
    ].join('\n');
  }
  const periods = spendingPeriods(new Date());
  const at = (d: Date): string => `to_timestamp(${Math.round(d.getTime() / 1000)})`;
  const hash = purchaseRequestHash({
    idempotencyKey: 'x',
    cardNumber: 'B0000000001',
    amount: spec.amount,
    description: null,
  });
  return [
    ...pick,
    `SELECT p.* FROM ${cardAndLaneTill(spec.tills)}, pos_purchase(b.tenant_id, t.till_id, t.unit_id, ${key}, '${hash}',` +
      ` b.card_number, ${spec.amount}, NULL, now(), ${at(periods.dayStart)}, ${at(periods.weekStart)},` +
      ` ${at(periods.monthStart)}, ${LOW_BALANCE_THRESHOLD}, false) p WHERE b.n = :n;`,
    '',
  ].join('\n');
}

/** One pgbench run of spec.durationSeconds (whole seconds: pgbench's -T takes no fraction). */
export async function runPgbench(spec: PgbenchSpec): Promise<PgbenchLoad> {
  const name = spec.keyPrefix.replace(/[^A-Za-z0-9]/g, '');
  const scriptFile = join(spec.workDir, `${name}.sql`);
  writeFileSync(scriptFile, pgbenchScript(spec));
  const logPrefix = `${name}-log`;
  const args = [
    '-n', // no vacuum of pgbench's own tables: there are none
    '-M',
    spec.mode,
    '-c',
    String(spec.connections),
    '-j',
    String(spec.threads),
    '-T',
    String(Math.max(1, Math.round(spec.durationSeconds))),
    '-f',
    scriptFile,
    '-l',
    `--log-prefix=${join(spec.workDir, logPrefix)}`,
  ];
  const cpuBefore = reapedChildrenCpuMs();
  const run = await spawnPgbench(args, spec.appUrl);
  const generatorCpuMs = reapedChildrenCpuMs() - cpuBefore;
  if (run.code === 1 || !/tps = /.test(run.stdout)) {
    throw new Error(`pgbench failed (exit ${run.code}):\n${run.stderr.trim() || run.stdout.trim()}`);
  }
  const latencies = readLatencies(spec.workDir, logPrefix);
  const tps = Number(/tps = ([\d.]+)/.exec(run.stdout)?.[1]);
  const processed = Number(/number of transactions actually processed: (\d+)/.exec(run.stdout)?.[1] ?? latencies.count);
  const reportedFailed = Number(/number of failed transactions: (\d+)/.exec(run.stdout)?.[1] ?? 0);
  // A client whose call raises is aborted by pgbench (exit 2): its error is the failure.
  const aborted = run.stderr.split('\n').filter((line) => /client \d+ aborted/.test(line));
  const failures = [
    ...(reportedFailed ? [`${reportedFailed}× failed transaction`] : []),
    ...(aborted.length ? [`${aborted.length}× client aborted: ${aborted[0].trim()}`] : []),
  ].join('; ');
  return {
    ok: processed,
    failed: reportedFailed + aborted.length,
    // pgbench's tps leaves out its connection set-up: the window is what that tps implies.
    elapsedSeconds: tps > 0 ? processed / tps : spec.durationSeconds,
    latencies,
    failures,
    generatorCpuMs,
  };
}

function spawnPgbench(
  args: string[],
  appUrl: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const url = new URL(appUrl);
  const env = {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: decodeURIComponent(url.pathname.slice(1)),
    PGAPPNAME: 'bench-pgbench',
  };
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
    // Aborted clients can repeat one error 16 times; the first few kB say it all.
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr = (stderr + chunk).slice(0, 8000)));
    child.once('error', (error) => reject(new Error(`cannot run pgbench: ${error.message}`)));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * pgbench -l writes one file per thread, a line per transaction:
 * `client_id transaction_no time_us script_no time_epoch time_us_part [...]`; a failed one
 * has no number in the third field. Read into the same recorder (and percentiles) as (a).
 */
function readLatencies(dir: string, prefix: string): LatencyRecorder {
  const latencies = new LatencyRecorder();
  for (const file of readdirSync(dir).filter((f) => f.startsWith(`${prefix}.`))) {
    const path = join(dir, file);
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const micros = Number(line.split(' ')[2]);
      if (line && Number.isFinite(micros)) latencies.record(micros / 1000);
    }
    rmSync(path, { force: true });
  }
  return latencies;
}

const TICK_MS = 10; // USER_HZ is 100 on every Linux that matters (cpu.ts asks getconf).

/** cutime + cstime of this process: CPU of its children that have exited and been waited for. */
function reapedChildrenCpuMs(): number {
  try {
    const text = readFileSync('/proc/self/stat', 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}
