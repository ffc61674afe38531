import type { Counter } from 'prom-client';
import type { MetricsRegistry } from '@kk/observability';
import type { ReconciliationPass } from '@kk/payments';

/**
 * The reconciliation job on the worker's /metrics: passes by outcome, payments it decided
 * (each one a payment nobody else reported in time), the payments still undecided after the
 * last pass, and when a pass last completed, for an alert that the job has stopped.
 */
export class ReconciliationMetrics {
  private readonly passes: Counter<'outcome'>;
  private readonly decided: Counter<never>;
  private undecided: number | undefined;
  private lastSuccess: number | undefined;

  constructor(metrics: MetricsRegistry) {
    this.passes = metrics.counter(
      'payment_reconciliation_passes_total',
      'Reconciliation passes over every tenant, by outcome: completed, or failed (thrown; the next pass tries again)',
      ['outcome'],
    );
    this.decided = metrics.counter<never>(
      'payment_reconciliation_payments_decided_total',
      'Payments the reconciliation settled from the provider (completed, failed or cancelled) because no return or webhook had',
      [],
    );
    metrics.gauge(
      'payment_reconciliation_payments_undecided',
      'Payments the last completed pass asked about that are still undecided (at the provider, or it did not answer)',
      [],
      async (gauge) => {
        gauge.reset();
        if (this.undecided !== undefined) gauge.set(this.undecided);
      },
    );
    metrics.gauge(
      'payment_reconciliation_last_success_timestamp_seconds',
      'When the last reconciliation pass completed (Unix time)',
      [],
      async (gauge) => {
        gauge.reset();
        if (this.lastSuccess !== undefined) gauge.set(this.lastSuccess);
      },
    );
    // Zero from the start, so a rate() over a fresh worker has a first sample.
    this.passes.inc({ outcome: 'completed' }, 0);
    this.passes.inc({ outcome: 'failed' }, 0);
    this.decided.inc(0);
  }

  recordPass(pass: ReconciliationPass, finishedAt: number): void {
    this.passes.inc({ outcome: 'completed' });
    this.decided.inc(pass.decided);
    this.undecided = pass.undecided;
    this.lastSuccess = finishedAt / 1000;
  }

  recordFailure(): void {
    this.passes.inc({ outcome: 'failed' });
  }
}
