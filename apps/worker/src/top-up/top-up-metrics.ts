import type { Counter } from 'prom-client';
import type { MetricsRegistry } from '@kk/observability';
import type { TopUpOutcome } from '@kk/payments';

/** Top-up jobs by what became of them: `completed`, `failed` (a card's refusal), `error` (will be retried), … */
export class TopUpMetrics {
  private readonly outcomes: Counter<'outcome'>;

  constructor(metrics: MetricsRegistry) {
    this.outcomes = metrics.counter(
      'auto_top_up_jobs_total',
      'Low-balance jobs handled by the auto top-up, by outcome: completed, failed (the card refused), pending, inFlight, noAgreement, alreadyDone, error (retried)',
      ['outcome'],
    );
  }

  record(outcome: TopUpOutcome | 'error'): void {
    this.outcomes.inc({ outcome });
  }
}
