import { postWebhook } from './webhook-post';
import type { Clock } from '../clock';
import { NORMAL_DELIVERY, reordered, type WebhookDeliveryMode } from './delivery-mode';

export type WebhookProvider = 'nexi' | 'mobilepay';

/** One event for one receiver, as a provider sends it. */
export interface OutgoingWebhook {
  readonly provider: WebhookProvider;
  /** Nexi's envelope id; for MobilePay, which has none, the sim's own id of the event. */
  readonly eventId: string;
  readonly eventName: string;
  /** The payment: its events are sent one after another, in the order they happened. */
  readonly orderingKey: string;
  readonly url: string;
  readonly body: string;
  /** Built for each attempt, because MobilePay signs the attempt's date. */
  headers(attemptAt: Date): Record<string, string>;
  /** MobilePay holds a payment's later events until an earlier one is acknowledged; Nexi does not. */
  readonly blocksLaterEvents: boolean;
  isAcknowledgement(status: number): boolean;
}

/** One POST to a receiver, kept for the test controls. */
export interface DeliveryAttempt {
  readonly provider: WebhookProvider;
  readonly eventId: string;
  readonly eventName: string;
  readonly orderingKey: string;
  readonly url: string;
  /** 1 for the event itself; 2, 3 … for the duplicates the test controls asked for. */
  readonly copy: number;
  readonly attempt: number;
  readonly at: string;
  readonly status?: number;
  readonly error?: string;
  readonly acknowledged: boolean;
  /** When a failed attempt is retried; absent once acknowledged or given up. */
  readonly retryInMs?: number;
}

export interface WebhookDispatcherOptions {
  readonly retryScheduleMs: readonly number[];
  readonly timeoutMs: number;
  readonly clock: Clock;
}

interface Job {
  readonly webhook: OutgoingWebhook;
  readonly copy: number;
  readonly generation: number;
  attemptsMade: number;
}

interface ReorderBuffer {
  readonly jobs: Job[];
  timer?: NodeJS.Timeout;
  readonly flushed: Promise<void>;
  readonly markFlushed: () => void;
}

interface Sleeper {
  readonly timer: NodeJS.Timeout;
  readonly wake: () => void;
}

type AttemptOutcome = 'acknowledged' | 'failed' | 'parked' | 'dropped';

/**
 * Sends the providers' webhooks: at least once, retried on the schedule, a payment's events in
 * the order they happened (MobilePay also waits for an earlier event's acknowledgement), and
 * bent on purpose by the test controls: duplicated, delayed, reordered, stopped and resumed.
 */
export class WebhookDispatcher {
  private mode: WebhookDeliveryMode = NORMAL_DELIVERY;
  private stopped = false;
  private disposed = false;
  // Bumped by reset(): work begun before it finds itself stale and ends.
  private generation = 0;
  private held: Job[] = [];
  private attempts: DeliveryAttempt[] = [];
  private readonly reorderBuffers = new Map<string, ReorderBuffer>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly sleepers = new Set<Sleeper>();
  private readonly requests = new Set<AbortController>();

  constructor(private readonly options: WebhookDispatcherOptions) {}

  publish(webhook: OutgoingWebhook): void {
    if (this.disposed) return;
    const jobs = Array.from({ length: 1 + this.mode.duplicates }, (_, index) => ({
      webhook,
      copy: index + 1,
      generation: this.generation,
      attemptsMade: 0,
    }));
    if (this.stopped) this.held.push(...jobs);
    else if (this.mode.reorder !== 'none') this.collectForReorder(jobs);
    else jobs.forEach((job) => this.enqueue(job));
  }

  deliveryMode(): WebhookDeliveryMode {
    return this.mode;
  }

  setDeliveryMode(mode: WebhookDeliveryMode): void {
    this.mode = mode;
  }

  isStopped(): boolean {
    return this.stopped;
  }

  /** Nothing is sent until resume(); events and due retries queue meanwhile. */
  stop(): void {
    this.stopped = true;
  }

  resume(): void {
    this.stopped = false;
    const held = this.held;
    this.held = [];
    for (const jobs of groupByPayment(held).values())
      reordered(jobs, this.mode.reorder).forEach((j) => this.enqueue(j));
  }

  /** How many events wait for resume(). */
  heldCount(): number {
    return this.held.length;
  }

  attemptLog(): readonly DeliveryAttempt[] {
    return this.attempts;
  }

  /** Resolves once nothing is in flight, waiting or being collected (events held while stopped excepted). */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0 || this.reorderBuffers.size > 0) {
      await Promise.all([...this.pending, ...[...this.reorderBuffers.values()].map((buffer) => buffer.flushed)]);
    }
  }

  /** Forgets every queued event and attempt and goes back to normal delivery. */
  reset(): void {
    this.generation += 1;
    this.stopped = false;
    this.mode = NORMAL_DELIVERY;
    this.held = [];
    this.attempts = [];
    for (const buffer of this.reorderBuffers.values()) {
      clearTimeout(buffer.timer);
      buffer.markFlushed();
    }
    this.reorderBuffers.clear();
    this.chains.clear();
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.wake();
    }
    this.sleepers.clear();
    for (const request of this.requests) request.abort();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.reset();
    await this.whenIdle();
  }

  private collectForReorder(jobs: Job[]): void {
    const key = paymentKey(jobs[0].webhook);
    let buffer = this.reorderBuffers.get(key);
    if (buffer === undefined) {
      let markFlushed = (): void => undefined;
      const flushed = new Promise<void>((resolve) => (markFlushed = resolve));
      buffer = { jobs: [], flushed, markFlushed };
      this.reorderBuffers.set(key, buffer);
    }
    clearTimeout(buffer.timer);
    buffer.jobs.push(...jobs);
    const collected = buffer;
    collected.timer = setTimeout(() => {
      this.reorderBuffers.delete(key);
      const ordered = reordered(collected.jobs, this.mode.reorder);
      if (this.stopped) this.held.push(...ordered);
      else ordered.forEach((job) => this.enqueue(job));
      collected.markFlushed();
    }, this.mode.reorderWindowMs);
  }

  // One chain per payment: its events go out one at a time, in the order they were enqueued.
  private enqueue(job: Job): void {
    const key = paymentKey(job.webhook);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(job)).catch(reportBug);
    this.chains.set(key, next);
    this.track(
      next.then(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      }),
    );
  }

  private async deliver(job: Job): Promise<void> {
    if (job.attemptsMade === 0 && this.mode.delayMs > 0) await this.sleep(this.mode.delayMs);
    if ((await this.attempt(job)) !== 'failed') return;
    const retries = this.retry(job);
    if (job.webhook.blocksLaterEvents) await retries;
    else this.track(retries);
  }

  private async retry(job: Job): Promise<void> {
    for (;;) {
      const wait = this.options.retryScheduleMs[job.attemptsMade - 1];
      if (wait === undefined) return;
      await this.sleep(wait);
      if ((await this.attempt(job)) !== 'failed') return;
    }
  }

  private async attempt(job: Job): Promise<AttemptOutcome> {
    if (this.disposed || job.generation !== this.generation) return 'dropped';
    if (this.stopped) {
      this.held.push(job);
      return 'parked';
    }
    job.attemptsMade += 1;
    const { webhook } = job;
    const at = this.options.clock.now();
    const controller = new AbortController();
    this.requests.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let status: number | undefined;
    let error: string | undefined;
    try {
      status = await postWebhook(webhook.url, webhook.headers(at), webhook.body, controller.signal);
    } catch (cause: unknown) {
      error = cause instanceof Error ? cause.message : String(cause);
    } finally {
      clearTimeout(timeout);
      this.requests.delete(controller);
    }
    if (job.generation !== this.generation) return 'dropped';
    const acknowledged = status !== undefined && webhook.isAcknowledgement(status);
    const retryInMs = acknowledged ? undefined : this.options.retryScheduleMs[job.attemptsMade - 1];
    this.attempts.push({
      provider: webhook.provider,
      eventId: webhook.eventId,
      eventName: webhook.eventName,
      orderingKey: webhook.orderingKey,
      url: webhook.url,
      copy: job.copy,
      attempt: job.attemptsMade,
      at: at.toISOString(),
      ...(status === undefined ? {} : { status }),
      ...(error === undefined ? {} : { error }),
      acknowledged,
      ...(retryInMs === undefined ? {} : { retryInMs }),
    });
    return acknowledged ? 'acknowledged' : 'failed';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.sleepers.add(sleeper);
    });
  }

  private track(work: Promise<void>): void {
    const settled = work.catch(reportBug);
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }
}

// Delivery failures are attempts in the log; reaching here is a bug in the sim, said loudly.
function reportBug(error: unknown): void {
  process.stderr.write(
    `gateway-sim: webhook delivery broke: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
}

function paymentKey(webhook: OutgoingWebhook): string {
  return `${webhook.provider}:${webhook.orderingKey}`;
}

function groupByPayment(jobs: readonly Job[]): Map<string, Job[]> {
  const groups = new Map<string, Job[]>();
  for (const job of jobs) {
    const key = paymentKey(job.webhook);
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  return groups;
}
