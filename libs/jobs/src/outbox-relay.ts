import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { inTenant, type TenantTx } from '@kk/database';
import { CLAIM_SQL, MARK_SENT_SQL, UNKNOWN_TOPICS_SQL } from './outbox.queries';
import { sweepUnprocessed, type OutboxRow, type SweepRedis, type SweepSettings } from './outbox-sweep';
import {
  OUTBOX_TOPICS,
  RELAYED_JOB_OPTIONS,
  isOutboxTopic,
  queueForTopic,
  type OutboxJobData,
  type QueueName,
} from './queues';
import { describeError as describe, withTimeout } from './with-timeout';

/** The relay borrows queues; whoever created them closes them (Nest's BullModule, a test). */
export type QueueProvider = (name: QueueName) => Queue<OutboxJobData>;

export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface OutboxRelayOptions {
  /** The restricted app role: RLS scopes every read to the tenant being relayed. */
  readonly dataSource: DataSource;
  readonly queues: QueueProvider;
  /** Read at every pass, so a function may return tenants added since start-up. */
  readonly tenantIds: readonly string[] | (() => readonly string[]);
  readonly intervalMs?: number;
  /** Rows claimed per tenant per pass; a full batch makes the next pass start at once. */
  readonly batchSize?: number;
  /** Bounds how long claimed rows stay locked while Redis does not answer. */
  readonly enqueueTimeoutMs?: number;
  /** How often each tenant is checked for rows with a topic no queue takes. */
  readonly unknownTopicCheckMs?: number;
  /** How often each tenant is swept for jobs Redis lost (outbox-sweep.ts); default 30 s. */
  readonly sweepEveryMs?: number;
  /** A sent row unprocessed this long counts as possibly lost; default 5 minutes. */
  readonly sweepAfterMs?: number;
  /** Rows older than this are not swept; default 7 days (see SweepSettings.maxAgeMs). */
  readonly sweepMaxAgeMs?: number;
  /** Rows swept per tenant per pass; defaults to batchSize. */
  readonly sweepBatchSize?: number;
  readonly logger?: RelayLogger;
}

export interface RelayFailure {
  readonly tenantId: string;
  readonly error: Error;
}

export interface RelayPassResult {
  /** Rows added to a queue and marked sent in this pass. */
  readonly relayed: number;
  /** Rows marked sent whose jobs Redis had lost, added again by the sweep in this pass. */
  readonly reenqueued: number;
  /** Tenants whose claimed rows were rolled back (left unsent) in this pass. */
  readonly failures: readonly RelayFailure[];
  /** Some tenant filled its batch: more rows may be waiting. */
  readonly backlog: boolean;
}

/** Redis refused or did not answer; every tenant shares it, so the pass stops there. */
export class EnqueueError extends Error {}

// tenant_id is repeated although RLS already filters by it: it lets the planner use
// outbox_unsent_idx (tenant_id, created_at) WHERE sent_at IS NULL.

const FAILURE_LOG_EVERY_MS = 60_000;
const MINUTE_MS = 60_000;

/**
 * Moves outbox rows into Bull queues. Per tenant, one transaction claims a batch
 * (SKIP LOCKED, so several relays share the work), adds each row as a job whose jobId is
 * the outbox id, and only then marks the rows sent. A crash or Redis error before the
 * commit leaves the rows unsent; relaying them again adds nothing while the job still
 * exists, and processors are idempotent for when it no longer does. Rows marked sent whose
 * jobs Redis then lost are found by the sweep (outbox-sweep.ts) and added again.
 */
export class OutboxRelay {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly enqueueTimeoutMs: number;
  private readonly unknownTopicCheckMs: number;
  private readonly sweepEveryMs: number;
  private readonly sweep: SweepSettings;
  private readonly logger: RelayLogger;
  private readonly unknownCheckedAt = new Map<string, number>();
  private readonly sweptAt = new Map<string, number>();
  private readonly reportedUnknown = new Set<string>();
  /** Passes run one after another, whether from the timer or runOnce(). */
  private chain: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  /** Bumped by stop(), so a pass that outlives it cannot re-arm an old loop. */
  private generation = 0;
  private failing = false;
  private lastFailureLogAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.intervalMs = options.intervalMs ?? 500;
    this.batchSize = options.batchSize ?? 100;
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 5_000;
    this.unknownTopicCheckMs = options.unknownTopicCheckMs ?? 60_000;
    this.sweepEveryMs = options.sweepEveryMs ?? 30_000;
    this.sweep = {
      afterMs: options.sweepAfterMs ?? 5 * MINUTE_MS,
      maxAgeMs: options.sweepMaxAgeMs ?? 7 * 24 * 60 * MINUTE_MS,
      batchSize: options.sweepBatchSize ?? this.batchSize,
    };
    this.logger = options.logger ?? new Logger(OutboxRelay.name);
  }

  /** Starts relaying every intervalMs (at once again while a backlog remains). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0, this.generation);
  }

  /** Stops the timer and waits for a pass in progress; the queues stay open. */
  async stop(): Promise<void> {
    this.running = false;
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  /** One pass over every tenant; never rejects for a tenant's failure (see `failures`). */
  runOnce(): Promise<RelayPassResult> {
    const pass = this.chain.then(() => this.pass());
    this.chain = pass.catch(() => undefined);
    return pass;
  }

  private schedule(delayMs: number, generation: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick(generation);
    }, delayMs);
  }

  private async tick(generation: number): Promise<void> {
    let backlog = false;
    try {
      backlog = (await this.runOnce()).backlog;
    } catch (error) {
      // Only the tenant list itself can throw here; keep the loop alive.
      this.logger.error(`outbox relay pass failed: ${describe(error)}`);
    }
    if (this.running && generation === this.generation) {
      this.schedule(backlog ? 0 : this.intervalMs, generation);
    }
  }

  private async pass(): Promise<RelayPassResult> {
    const { tenantIds } = this.options;
    const tenants = typeof tenantIds === 'function' ? tenantIds() : tenantIds;
    const failures: RelayFailure[] = [];
    let relayed = 0;
    let reenqueued = 0;
    let backlog = false;
    for (const tenantId of tenants) {
      try {
        const count = await this.relayTenant(tenantId);
        relayed += count;
        backlog ||= count === this.batchSize;
        const swept = await this.sweepTenantWhenDue(tenantId);
        reenqueued += swept.reenqueued;
        backlog ||= swept.checked === this.sweep.batchSize;
      } catch (error) {
        failures.push({ tenantId, error: error instanceof Error ? error : new Error(describe(error)) });
        // The next tenants would each hold their rows locked for the timeout, for nothing.
        if (error instanceof EnqueueError) break;
      }
    }
    this.report(failures);
    return { relayed, reenqueued, failures, backlog: backlog && failures.length === 0 };
  }

  private relayTenant(tenantId: string): Promise<number> {
    return inTenant(this.options.dataSource, tenantId, async (tx) => {
      await this.warnAboutUnknownTopics(tx);
      const rows = await tx.query<OutboxRow>(CLAIM_SQL, [tenantId, OUTBOX_TOPICS, this.batchSize]);
      if (rows.length === 0) return 0;
      // Throwing here rolls the transaction back: the rows stay unsent and unlocked.
      await this.addJobs(tenantId, rows);
      await tx.query(MARK_SENT_SQL, [tenantId, rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private async sweepTenantWhenDue(tenantId: string): Promise<{ checked: number; reenqueued: number }> {
    const now = Date.now();
    const last = this.sweptAt.get(tenantId);
    if (last !== undefined && now - last < this.sweepEveryMs) return { checked: 0, reenqueued: 0 };
    const result = await inTenant(this.options.dataSource, tenantId, (tx) =>
      sweepUnprocessed(tx, this.sweepRedis(tenantId), this.sweep),
    );
    // A full batch may leave more behind: sweep this tenant again on the next pass.
    if (result.checked < this.sweep.batchSize) this.sweptAt.set(tenantId, now);
    if (result.reenqueued > 0) {
      this.logger.warn(
        `tenant ${tenantId}: ${result.reenqueued} outbox job(s) marked sent were missing from Redis ` +
          'and unprocessed; added them again',
      );
    }
    return result;
  }

  private sweepRedis(tenantId: string): SweepRedis {
    return {
      hasJob: async (row) => {
        const queueName = queueForTopic(row.topic);
        if (!queueName) throw new Error(`outbox topic ${row.topic} has no queue`);
        try {
          return (await withTimeout(this.options.queues(queueName).getJob(row.id), this.enqueueTimeoutMs)) !== null;
        } catch (error) {
          throw new EnqueueError(`could not look up job ${row.id} in Redis: ${describe(error)}`, { cause: error });
        }
      },
      addJobs: (rows) => this.addJobs(tenantId, rows),
    };
  }

  private async addJobs(tenantId: string, rows: readonly OutboxRow[]): Promise<void> {
    // Routed (and queues looked up) first, so a routing error cannot leave adds in flight.
    const jobs = rows.map((row) => {
      const queueName = queueForTopic(row.topic);
      if (!queueName || !isOutboxTopic(row.topic)) throw new Error(`outbox topic ${row.topic} has no queue`);
      const data: OutboxJobData = {
        tenantId,
        outboxId: row.id,
        topic: row.topic,
        createdAt: row.created_at.toISOString(),
        payload: row.payload,
      };
      return { queue: this.options.queues(queueName), data };
    });
    const adds = jobs.map(({ queue, data }) => queue.add(data, { ...RELAYED_JOB_OPTIONS, jobId: data.outboxId }));
    try {
      // An add that times out may still reach Redis later; the row stays unsent and its
      // next relay finds the job by id instead of adding a second one.
      await withTimeout(Promise.all(adds), this.enqueueTimeoutMs);
    } catch (error) {
      throw new EnqueueError(`could not add ${rows.length} job(s) to Redis: ${describe(error)}`, { cause: error });
    }
  }

  /** Rows no queue takes are kept (a newer release may route them) but must not go unnoticed. */
  private async warnAboutUnknownTopics(tx: TenantTx): Promise<void> {
    const now = Date.now();
    const last = this.unknownCheckedAt.get(tx.tenantId);
    if (last !== undefined && now - last < this.unknownTopicCheckMs) return;
    this.unknownCheckedAt.set(tx.tenantId, now);
    const unknown = await tx.query<{ topic: string; rows: number }>(UNKNOWN_TOPICS_SQL, [tx.tenantId, OUTBOX_TOPICS]);
    for (const { topic, rows } of unknown) {
      const key = JSON.stringify([tx.tenantId, topic]);
      if (this.reportedUnknown.has(key)) continue;
      this.reportedUnknown.add(key);
      this.logger.warn(
        `tenant ${tx.tenantId}: ${rows} unsent outbox row(s) with topic "${topic}", which no queue takes; ` +
          'they stay in the outbox until a release routes the topic',
      );
    }
  }

  /** Logs a failing relay once a minute rather than every pass, and says when it recovers. */
  private report(failures: readonly RelayFailure[]): void {
    if (failures.length === 0) {
      if (this.failing) this.logger.log('outbox relay recovered');
      this.failing = false;
      return;
    }
    const now = Date.now();
    if (!this.failing || now - this.lastFailureLogAt >= FAILURE_LOG_EVERY_MS) {
      for (const { tenantId, error } of failures) {
        this.logger.error(
          `outbox relay, tenant ${tenantId}: ${error.message}; its rows stay unsent and will be retried`,
        );
      }
      this.lastFailureLogAt = now;
    }
    this.failing = true;
  }
}
