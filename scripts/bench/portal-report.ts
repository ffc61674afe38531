import { availableParallelism } from 'node:os';
import { cpuSnapshot, type CpuSnapshot } from './cpu';
import type { Recorder, SeriesSummary } from './portal-load';

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

/** The processes whose CPU a phase is charged with. */
export interface CpuParties {
  readonly portalPid: number;
  readonly pgPid: number;
  readonly redisPid: number;
}

export interface CpuMark {
  readonly at: number;
  readonly snapshot: CpuSnapshot;
  readonly redisMs: number;
}

export function cpuMark(parties: CpuParties): CpuMark {
  return {
    at: performance.now(),
    snapshot: cpuSnapshot(parties.portalPid, parties.pgPid),
    // cpuSnapshot's "pos" slot reads any one process: here the redis-server.
    redisMs: cpuSnapshot(parties.redisPid, Number.NaN).posMs,
  };
}

/** The CPU of several windows added up (the rounds of one condition): who spent the machine. */
export class CpuTally {
  private portal = 0;
  private pg = 0;
  private redis = 0;
  private bench = 0;
  private machine = 0;
  private elapsed = 0;

  add(before: CpuMark, after: CpuMark): void {
    const delta = (a: number, b: number) => (Number.isFinite(b - a) ? b - a : 0);
    this.portal += delta(before.snapshot.posMs, after.snapshot.posMs);
    this.pg += delta(before.snapshot.pgMs, after.snapshot.pgMs);
    this.redis += delta(before.redisMs, after.redisMs);
    this.bench += delta(before.snapshot.benchMs, after.snapshot.benchMs);
    this.machine += delta(before.snapshot.machineMs, after.snapshot.machineMs);
    this.elapsed += after.at - before.at;
  }

  /** Per request and as shares; then cores used by these four, and by everything else meanwhile. */
  line(requests: number): string {
    const ours = this.portal + this.pg + this.redis + this.bench;
    const part = (name: string, ms: number) =>
      `${name} ${(ms / requests).toFixed(2)} ms (${((100 * ms) / ours).toFixed(0)}%)`;
    return (
      `CPU per request: ${part('portal', this.portal)} · ${part('PostgreSQL', this.pg)} · ` +
      `${part('Redis', this.redis)} · ${part('load generator', this.bench)} — ` +
      `${(ours / this.elapsed).toFixed(2)} of ${availableParallelism()} cores; ` +
      `others on the machine meanwhile ${Math.max(0, (this.machine - ours) / this.elapsed).toFixed(2)} cores`
    );
  }
}

const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(1) : v.toFixed(0));

export function header(title: string): void {
  out();
  out(`── ${title} ${'─'.repeat(Math.max(0, 96 - title.length))}`);
}

/** One row per series: count, rate over the window, percentiles, body size, failures. */
export function table(recorder: Recorder, keys: readonly string[], seconds: number): void {
  out(
    `${'series'.padEnd(44)}${'ok'.padStart(7)}${'req/s'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}` +
      `${'p99'.padStart(8)}${'max'.padStart(8)}${'KiB'.padStart(7)}  failed`,
  );
  for (const key of keys) row(key, recorder.summary(key), seconds);
}

function row(key: string, s: SeriesSummary, seconds: number): void {
  out(
    `${key.padEnd(44)}${String(s.ok).padStart(7)}${(s.ok / seconds).toFixed(1).padStart(8)}` +
      `${ms(s.p50).padStart(8)}${ms(s.p95).padStart(8)}${ms(s.p99).padStart(8)}${ms(s.max).padStart(8)}` +
      `${(s.bytes / 1024).toFixed(0).padStart(7)}  ${s.failed ? `${s.failed} (${s.failures})` : '0'}`,
  );
}

/** Each page's p95 alone and while logins burst, from the same portal process. */
export function comparison(label: string, alone: Recorder, withBursts: Recorder, keys: readonly string[]): void {
  out(`${label}: page p95 (ms) browsing alone → while a login burst runs`);
  for (const key of keys) {
    const a = alone.summary(key).p95;
    const b = withBursts.summary(key).p95;
    out(`  ${key.padEnd(42)}${ms(a).padStart(7)} → ${ms(b).padStart(6)}   ×${(b / a).toFixed(2)}`);
  }
}

export { out };
