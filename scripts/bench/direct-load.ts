import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { LatencyRecorder } from './stats';
import { keyMaker, picker, purchaseParams, PURCHASE_SQL, type Fixture } from './workload';

export interface LoadSpec {
  readonly fixture: Fixture;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly amount: number;
  readonly hot: boolean;
  /** Every idempotency key of the phase starts with this. */
  readonly keyPrefix: string;
}

export interface RawLoad {
  readonly ok: number;
  readonly failed: number;
  readonly elapsedSeconds: number;
  readonly latencies: LatencyRecorder;
  readonly failures: string;
}

/**
 * (a) The purchase with nothing in front of it: N connections of the app role, each calling
 * pos_purchase back to back with the service's exact statement (unnamed, like TypeORM's
 * query) — the ceiling the HTTP path is compared to.
 */
export async function runDirect(appUrl: string, spec: LoadSpec): Promise<RawLoad> {
  const clients = Array.from(
    { length: spec.connections },
    () => new Client({ connectionString: appUrl, application_name: 'bench-direct' }),
  );
  await Promise.all(clients.map((c) => c.connect()));
  const latencies = new LatencyRecorder();
  const errors = new Map<string, number>();
  let ok = 0;
  try {
    const pick = picker(spec.fixture, spec.hot);
    const nextKey = keyMaker(spec.keyPrefix);
    const started = performance.now();
    const deadline = started + spec.durationSeconds * 1000;
    const worker = async (client: Client): Promise<void> => {
      while (performance.now() < deadline) {
        const params = purchaseParams(pick(), nextKey(), spec.amount);
        const t0 = performance.now();
        try {
          await client.query(PURCHASE_SQL, params);
          const t1 = performance.now();
          // Calls still running at the deadline finish, but count only if inside the window.
          if (t1 <= deadline) {
            latencies.record(t1 - t0);
            ok += 1;
          }
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          errors.set(message, (errors.get(message) ?? 0) + 1);
        }
      }
    };
    await Promise.all(clients.map(worker));
    const elapsedSeconds = Math.min(performance.now(), deadline) / 1000 - started / 1000;
    const failed = [...errors.values()].reduce((a, b) => a + b, 0);
    const failures = [...errors].map(([m, n]) => `${n}× ${m}`).join('; ');
    return { ok, failed, elapsedSeconds, latencies, failures };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
