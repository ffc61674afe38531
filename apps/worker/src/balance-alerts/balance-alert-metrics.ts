import type { Counter } from 'prom-client';
import type { AlertOutcome } from '@kk/balance-alerts';
import type { MetricsRegistry } from '@kk/observability';

/** "Besked ved lav saldo" per subscription and event: `send`, `quiet` (48 hours), `notBelow`, …, `error` (the job is retried). */
export class BalanceAlertMetrics {
  private readonly outcomes: Counter<'outcome'>;

  constructor(metrics: MetricsRegistry) {
    this.outcomes = metrics.counter(
      'low_balance_alerts_total',
      'Low-balance e-mail alerts decided per subscription and event, by outcome: send, quiet, notBelow, stale, alreadySent, error',
      ['outcome'],
    );
  }

  record(outcome: AlertOutcome | 'error'): void {
    this.outcomes.inc({ outcome });
  }
}
