import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { PurchaseOutcome, Till } from '@kk/pos-authorization';
import { MetricsRegistry } from '@kk/observability';

type Decided = Exclude<PurchaseOutcome, { kind: 'key_reused' }>;

/** pos_decisions_total: every purchase decision by tenant, outcome and decline reason. */
@Injectable()
export class PosMetrics {
  private readonly decisions: Counter<'tenant' | 'outcome' | 'reason'>;

  constructor(metrics: MetricsRegistry) {
    this.decisions = metrics.counter(
      'pos_decisions_total',
      'Purchase decisions: outcome approved, declined or replayed (a retry answered from the log), with the decline reason or none',
      ['tenant', 'outcome', 'reason'],
    );
  }

  recordDecision(till: Till, outcome: Decided): void {
    const { status, declineReason } = outcome.response;
    this.decisions.inc({
      tenant: till.tenantId,
      outcome: outcome.kind === 'replayed' ? 'replayed' : status,
      reason: declineReason ?? 'none',
    });
  }
}
