import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import type { MetricsRegistry } from '@kk/observability';
import { countUnsentOutboxRows } from '@kk/jobs';

export interface WorkerMetricsSources {
  /** The restricted app role: each tenant's backlog is counted under its own RLS. */
  readonly dataSource: DataSource;
  readonly tenantIds: readonly string[];
  readonly queues: ReadonlyMap<string, Queue>;
}

// Bull's job states, each a label value of queue_jobs.
const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

/**
 * The worker's gauges, read at scrape time: outbox_backlog (unsent outbox rows per tenant)
 * and queue_jobs (Bull's job counts per queue and state). A source that does not answer
 * leaves its gauge empty for that scrape rather than failing the whole scrape.
 */
export function registerWorkerMetrics(metrics: MetricsRegistry, sources: WorkerMetricsSources): void {
  const logger = new Logger('WorkerMetrics');
  metrics.gauge('outbox_backlog', 'Outbox rows not yet relayed into a queue, per tenant', ['tenant'], async (gauge) => {
    gauge.reset();
    await tolerate(logger, 'outbox_backlog', async () => {
      for (const tenant of sources.tenantIds) {
        gauge.set({ tenant }, await inTenant(sources.dataSource, tenant, countUnsentOutboxRows));
      }
    });
  });
  metrics.gauge('queue_jobs', "Jobs in each Bull queue, by Bull's state", ['queue', 'state'], async (gauge) => {
    gauge.reset();
    await tolerate(logger, 'queue_jobs', async () => {
      for (const [queue, bull] of sources.queues) {
        const counts: Partial<Record<string, number>> = { ...(await bull.getJobCounts()) };
        for (const state of JOB_STATES) gauge.set({ queue, state }, counts[state] ?? 0);
      }
    });
  });
}

async function tolerate(logger: Logger, metric: string, collect: () => Promise<void>): Promise<void> {
  try {
    await collect();
  } catch (error) {
    logger.warn(`${metric} not collected: ${error instanceof Error ? error.message : String(error)}`);
  }
}
