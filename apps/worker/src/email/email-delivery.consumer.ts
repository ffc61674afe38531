import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Inject, Logger } from '@nestjs/common';
import { QUEUES } from '@kk/jobs';
import { EmailDelivery, type EmailDeliveryOutcome } from './email-delivery';
import { reportEmailJobFailure, runEmailJob, type EmailJob } from './email-jobs';

/** The worker's consumer of the `emails` queue. */
@Processor(QUEUES.emails)
export class EmailDeliveryConsumer {
  private readonly logger = new Logger('EmailDelivery');

  constructor(@Inject(EmailDelivery) private readonly delivery: EmailDelivery) {}

  @Process()
  handle(job: EmailJob): Promise<EmailDeliveryOutcome> {
    return runEmailJob(this.delivery, job, this.logger);
  }

  @OnQueueFailed()
  onFailed(job: EmailJob, error: Error): void {
    reportEmailJobFailure(job, error, this.logger);
  }
}
