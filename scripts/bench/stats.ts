import type { CpuPerRequest } from './cpu';

/** What one measured phase produced, whichever path (direct SQL or HTTP) drove it. */
export interface PhaseResult {
  readonly label: string;
  /** Successful calls (2xx for HTTP, no error for SQL) that finished inside the window. */
  readonly ok: number;
  /** Errors, timeouts and non-2xx responses. */
  readonly failed: number;
  readonly elapsedSeconds: number;
  readonly tps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** From the database afterwards: the decisions this phase's idempotency keys got. */
  readonly approved: number;
  readonly declined: number;
  readonly failures: string;
  readonly cpu: CpuPerRequest;
}

/** Nearest-rank percentile; both paths go through this, so their p99s compare like for like. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Latencies of a phase, in ms. A growable typed array: ~30k samples a phase, and no boxed
 * numbers piling up for the GC while the load generator is supposed to be quiet.
 */
export class LatencyRecorder {
  private samples = new Float64Array(1 << 15);
  private length = 0;

  record(ms: number): void {
    if (this.length === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.length++] = ms;
  }

  get count(): number {
    return this.length;
  }

  summary(): { p50Ms: number; p99Ms: number; maxMs: number } {
    const sorted = this.samples.slice(0, this.length).sort();
    return {
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    };
  }
}
