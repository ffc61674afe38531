import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { LoadSpec, RawLoad } from './direct-load';
import { LatencyRecorder } from './stats';
import { keyMaker, picker } from './workload';

/**
 * (b) POST /pos/v1/purchases through the real app: autocannon with N keep-alive connections,
 * each request built fresh (setupRequest) with a random card, its tenant's till key and a
 * unique Idempotency-Key. Latencies come from autocannon's per-response timer (sub-ms,
 * unlike its integer-ms histogram) and go through the same percentile code as (a).
 */
export async function runHttp(origin: string, spec: LoadSpec): Promise<RawLoad> {
  const pick = picker(spec.fixture, spec.hot, spec.population);
  const nextKey = keyMaker(spec.keyPrefix);
  // autocannon does not say which connection a request is built for: each request takes the
  // next lane in turn, so the requests in flight at once are (nearly always) on different tills.
  let lane = 0;
  const latencies = new LatencyRecorder();
  const statuses = new Map<number, number>();
  const started = performance.now();

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: spec.connections,
        duration: spec.durationSeconds,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: '/pos/v1/purchases',
            setupRequest: (request) => {
              const { till, cardNumber } = pick(lane++);
              return {
                ...request,
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${till.apiKey}`,
                  'idempotency-key': nextKey(),
                },
                body: JSON.stringify({ cardNumber, amount: spec.amount }),
              };
            },
          },
        ],
      },
      (error: unknown, finished: autocannon.Result) => (error ? reject(toError(error)) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      if (statusCode >= 200 && statusCode < 300) latencies.record(responseTime);
    });
  });

  const elapsedSeconds = Math.min((performance.now() - started) / 1000, result.duration || spec.durationSeconds);
  const failures: string[] = [];
  for (const [status, count] of statuses) if (status !== 201) failures.push(`${count}× HTTP ${status}`);
  // autocannon counts a timeout as an error too.
  const connectionErrors = result.errors - result.timeouts;
  if (connectionErrors) failures.push(`${connectionErrors}× connection error`);
  if (result.timeouts) failures.push(`${result.timeouts}× timeout`);
  const non2xx = [...statuses].filter(([status]) => status < 200 || status >= 300).reduce((sum, [, n]) => sum + n, 0);
  return {
    ok: latencies.count,
    failed: non2xx + result.errors,
    elapsedSeconds,
    latencies,
    failures: failures.join('; '),
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
