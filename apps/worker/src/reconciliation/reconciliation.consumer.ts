import { Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { QUEUES, type QueueJobData } from '@kk/jobs';
import { PaymentReconciliation, type ReconciliationPass } from '@kk/payments';
import { ReconciliationMetrics } from './reconciliation-metrics';
import { runReconciliationPass } from './reconciliation-pass';
import { RECONCILIATION_SETTINGS, type ReconciliationSettings } from './reconciliation-settings';

/** The worker's consumer of the `payments-reconciliation` queue: one pass per repeat of the job. */
@Processor(QUEUES.paymentsReconciliation)
export class ReconciliationConsumer {
  private readonly logger = new Logger('PaymentReconciliation');

  constructor(
    @Inject(PaymentReconciliation) private readonly reconciliation: PaymentReconciliation,
    @Inject(ReconciliationMetrics) private readonly metrics: ReconciliationMetrics,
    @Inject(RECONCILIATION_SETTINGS) private readonly settings: ReconciliationSettings,
  ) {}

  @Process()
  handle(_job: Job<QueueJobData['payments-reconciliation']>): Promise<ReconciliationPass> {
    return runReconciliationPass(this.reconciliation, this.settings, this.metrics, this.logger);
  }
}
