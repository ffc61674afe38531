import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { QUEUES, type QueueJobData } from '@kk/jobs';
import { TopUpCharger, type TopUpOutcome } from '@kk/payments';
import { TopUpMetrics } from './top-up-metrics';

type LowBalanceJob = Job<QueueJobData['balance-events']>;

/**
 * The worker's consumer of the `balance-events` queue: a till purchase left a wallet under its
 * tenant's threshold, so the account's "Automatisk Optankning" is charged (TopUpCharger). A
 * failed job is retried by Bull with the same outbox id, which the charger answers without a
 * second charge; a job Redis lost is re-enqueued by the outbox sweep.
 */
@Processor(QUEUES.balanceEvents)
export class TopUpConsumer {
  private readonly logger = new Logger('AutoTopUp');

  constructor(
    @Inject(TopUpCharger) private readonly charger: TopUpCharger,
    @Inject(TopUpMetrics) private readonly metrics: TopUpMetrics,
  ) {}

  @Process()
  async handle(job: LowBalanceJob): Promise<TopUpOutcome> {
    const { tenantId, outboxId, payload } = job.data;
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
