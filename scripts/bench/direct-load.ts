import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { PosAuthorizationService, type Till } from '@kk/pos-authorization';
import { LatencyRecorder } from './stats';
import { keyMaker, LOW_BALANCE_THRESHOLD, picker, type CardPopulation, type Fixture } from './workload';

export interface LoadSpec {
  readonly fixture: Fixture;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly amount: number;
  readonly hot: boolean;
  /** Which random cards; the hot card ignores it. */
  readonly population: CardPopulation;
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
 * (a) The purchase with nothing in front of it: N connections of the app role, each running
 * PosAuthorizationService.purchase (the app's own code: one pos_purchase call, retried
 * the same way) straight over a pg client — the ceiling the HTTP path is compared to.
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
    const pick = picker(spec.fixture, spec.hot, spec.population);
    const nextKey = keyMaker(spec.keyPrefix);
    const started = performance.now();
    const deadline = started + spec.durationSeconds * 1000;
    const worker = async (client: Client, lane: number): Promise<void> => {
      const service = new PosAuthorizationService(
        { query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[] },
        { lowBalanceThreshold: () => LOW_BALANCE_THRESHOLD },
      );
      while (performance.now() < deadline) {
        const { till, cardNumber } = pick(lane);
        const tillOf: Till = { tenantId: till.tenantId, tillId: till.tillId, unitId: till.unitId, name: 'bench' };
        const request = { idempotencyKey: nextKey(), cardNumber, amount: spec.amount, description: null };
        const t0 = performance.now();
        try {
          await service.purchase(tillOf, request);
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
    await Promise.all(clients.map((client, lane) => worker(client, lane)));
    const elapsedSeconds = Math.min(performance.now(), deadline) / 1000 - started / 1000;
    const failed = [...errors.values()].reduce((a, b) => a + b, 0);
    const failures = [...errors].map(([m, n]) => `${n}× ${m}`).join('; ');
    return { ok, failed, elapsedSeconds, latencies, failures };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
