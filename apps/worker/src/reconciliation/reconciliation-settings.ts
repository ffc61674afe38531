import { RECONCILE_AFTER_MS } from '@kk/payments';

/** How often the worker asks the providers, and about which payments. */
export interface ReconciliationSettings {
  /** Between two passes (Bull's `repeat.every`). Production: 60 s. */
  readonly intervalMs: number;
  /**
   * How long a payment is left to its return page and webhooks before a pass asks the
   * provider about it. Production: 2 minutes (RECONCILE_AFTER_MS, the lib's own rule); tests
   * shorten it rather than wait.
   */
  readonly reconcileAfterMs: number;
}

export const DEFAULT_RECONCILIATION_SETTINGS: ReconciliationSettings = {
  intervalMs: 60_000,
  reconcileAfterMs: RECONCILE_AFTER_MS,
};

export function reconciliationSettings(overrides: Partial<ReconciliationSettings> = {}): ReconciliationSettings {
  const settings = { ...DEFAULT_RECONCILIATION_SETTINGS, ...overrides };
  if (!Number.isInteger(settings.intervalMs) || settings.intervalMs < 1) {
    throw new Error(`reconciliation interval must be a positive number of milliseconds, got ${settings.intervalMs}`);
  }
  if (!Number.isFinite(settings.reconcileAfterMs) || settings.reconcileAfterMs < 0) {
    throw new Error(`reconcileAfterMs must be ≥ 0, got ${settings.reconcileAfterMs}`);
  }
  return settings;
}

/**
 * The `now` to hand PaymentReconciliation.runOnce so that it asks about payments older than
 * `reconcileAfterMs` (the lib asks about those older than RECONCILE_AFTER_MS before `now`).
 * With the production settings this is the real time. A shortened age also moves the lib's
 * other rule (a payment that never reached the provider fails after 30 minutes) earlier by
 * the same amount; only tests shorten it.
 */
export function reconciliationClock(settings: ReconciliationSettings, now: number): Date {
  return new Date(now + RECONCILE_AFTER_MS - settings.reconcileAfterMs);
}

/** Nest token of the worker's ReconciliationSettings. */
export const RECONCILIATION_SETTINGS = Symbol('RECONCILIATION_SETTINGS');
