import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { withTimeout, type PaymentsReconciliationJobData } from '@kk/jobs';
import type { ReconciliationSettings } from './reconciliation-settings';

/**
 * The one repeatable job's id. Every worker adds the same job with it, so two workers, or a
 * restart, leave one schedule in Redis (Bull keys a repeatable job by name, id and interval).
 */
export const RECONCILIATION_JOB_ID = 'payments-reconciliation';

/** The schedule is added again this many intervals apart (a no-op while Redis still has it). */
const ENSURE_EVERY_INTERVALS = 5;
const REDIS_TIMEOUT_MS = 10_000;

export function reconciliationJobOptions(intervalMs: number): JobOptions {
  return {
    jobId: RECONCILIATION_JOB_ID,
    repeat: { every: intervalMs },
    // The next repeat is the retry: a failed pass is not run again on its own.
    attempts: 1,
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 100 },
  };
}

/**
 * Keeps the `payments-reconciliation` job scheduled: added at every start (so a Redis that
 * lost its data loses nothing once the worker restarts) and again every few intervals while
 * the worker runs (so it need not even restart). The same job at another interval, an older
 * release's, is removed, so passes do not double up.
 */
export class ReconciliationSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PaymentReconciliation');
  private timer: ReturnType<typeof setInterval> | undefined;
  private ensuring: Promise<void> | undefined;

  constructor(
    private readonly queue: Queue<PaymentsReconciliationJobData>,
    private readonly settings: ReconciliationSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => void this.ensure(), this.settings.intervalMs * ENSURE_EVERY_INTERVALS);
    this.timer.unref();
  }

  /** Never throws: a Redis that does not answer is logged, and the next call tries again. */
  ensure(): Promise<void> {
    this.ensuring ??= withTimeout(this.schedule(), REDIS_TIMEOUT_MS)
      .catch((error: unknown) => {
        this.logger.warn(
          `could not schedule the payment reconciliation, trying again later: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        this.ensuring = undefined;
      });
    return this.ensuring;
  }

  private async schedule(): Promise<void> {
    const every = this.settings.intervalMs;
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.id === RECONCILIATION_JOB_ID && job.every !== every) await this.queue.removeRepeatableByKey(job.key);
    }
    await this.queue.add({}, reconciliationJobOptions(every));
  }

  // Before, not on, shutdown: the data source and the queues close in onApplicationShutdown,
  // and a pass in flight must finish while they are open. Paused locally, this worker starts
  // no new pass; the schedule stays in Redis for the other workers and the next start.
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.ensuring;
    await withTimeout(this.queue.pause(true), REDIS_TIMEOUT_MS).catch(() => undefined);
  }
}
