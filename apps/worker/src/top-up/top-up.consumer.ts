import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { QUEUES, type QueueJobData } from '@kk/jobs';
import { TopUpCharger, type TopUpOutcome } from '@kk/payments';
import { BalanceAlertStep } from '../balance-alerts/balance-alert.step';
import { TopUpMetrics } from './top-up-metrics';

type LowBalanceJob = Job<QueueJobData['balance-events']>;

/**
 * The worker's consumer of the `balance-events` queue: a till purchase left a wallet under its
 * tenant's threshold, so the account's "Automatisk Optankning" is charged (TopUpCharger). A
 * failed job is retried by Bull with the same outbox id, which the charger answers without a
 * second charge; a job Redis lost is re-enqueued by the outbox sweep. The same event's
 * "Besked ved lav saldo" e-mails (BalanceAlertStep) are decided first, and a failure there
 * ends the job before the charger marks the event processed: the sweep re-enqueues only
 * unprocessed rows, so an alert must be decided before the row can become processed, or a
 * lost retry would lose the alert for good. Each effect is idempotent, so a retried job
 * repeats neither.
 */
@Processor(QUEUES.balanceEvents)
export class TopUpConsumer {
  private readonly logger = new Logger('AutoTopUp');

  constructor(
    @Inject(TopUpCharger) private readonly charger: TopUpCharger,
    @Inject(TopUpMetrics) private readonly metrics: TopUpMetrics,
    @Inject(BalanceAlertStep) private readonly alerts: BalanceAlertStep,
  ) {}

  @Process()
  async handle(job: LowBalanceJob): Promise<TopUpOutcome> {
    const { tenantId, outboxId, payload } = job.data;
    const alertFailure = await this.alerts.run(job.data);
    if (alertFailure) throw alertFailure;
    const outcome = await this.charger.onLowBalance(tenantId, outboxId, payload);
    this.metrics.record(outcome);
    if (outcome !== 'noAgreement' && outcome !== 'alreadyDone') {
      this.logger.log(`low balance on ${payload.accountId} (${tenantId}): top-up ${outcome}`);
    }
    return outcome;
  }

  @OnQueueFailed()
  onFailed(job: LowBalanceJob, error: Error): void {
    this.metrics.record('error');
    this.logger.warn(
      `top-up job ${job.id} (${job.data.tenantId}) failed, attempt ${job.attemptsMade}: ${error.message}`,
    );
  }
}
