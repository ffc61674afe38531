import { Inject, Injectable, Logger } from '@nestjs/common';
import { LowBalanceAlerter } from '@kk/balance-alerts';
import type { QueueJobData } from '@kk/jobs';
import { BalanceAlertMetrics } from './balance-alert-metrics';

/**
 * The alert effect of a `balance-events` job, run by its consumer before the auto top-up
 * (apps/worker/src/top-up), which marks the event processed: so a row is processed only after
 * its alerts were decided, and the sweep brings back any event whose alerts a lost job never
 * decided. A failure is handed back, counted and logged here; the consumer then ends the job
 * unprocessed and Bull (or the sweep) runs it again.
 */
@Injectable()
export class BalanceAlertStep {
  private readonly logger = new Logger('LowBalanceAlert');

  constructor(
    @Inject(LowBalanceAlerter) private readonly alerter: LowBalanceAlerter,
    @Inject(BalanceAlertMetrics) private readonly metrics: BalanceAlertMetrics,
  ) {}

  async run(job: QueueJobData['balance-events']): Promise<Error | undefined> {
    const { tenantId, outboxId, payload } = job;
    try {
      const outcomes = await this.alerter.onLowBalance(tenantId, outboxId, payload);
      for (const outcome of outcomes) this.metrics.record(outcome);
      const sent = outcomes.filter((outcome) => outcome === 'send').length;
      if (sent > 0) this.logger.log(`low balance on ${payload.accountId} (${tenantId}): ${sent} alert(s) e-mailed`);
      return undefined;
    } catch (error) {
      this.metrics.record('error');
      const failure = error instanceof Error ? error : new Error(String(error));
      this.logger.warn(`low-balance alerts of ${outboxId} (${tenantId}) failed, will retry: ${failure.message}`);
      return failure;
    }
  }
}
