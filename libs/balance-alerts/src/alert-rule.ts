/** At most one alert per subscription in this many hours, unless money put in re-armed it. */
export const ALERT_QUIET_HOURS = 48;

const QUIET_MS = ALERT_QUIET_HOURS * 60 * 60 * 1000;

export interface AlertFacts {
  /** Øre: the subscription's amount. */
  readonly below: number;
  /** Øre after the purchase that wrote the event. */
  readonly balanceAfter: number;
  /** When that purchase was made (the till's clock). */
  readonly purchasedAt: Date;
  /** The purchase time of the subscription's last alert; null if it never alerted. */
  readonly lastAlertAt: Date | null;
  /**
   * The highest balance the wallet had after the last alert's purchase and up to this one (øre,
   * from the ledger); null when there was no last alert.
   */
  readonly highestSinceLastAlert: number | null;
}

/**
 * `send`; `notBelow`: the balance is not under this subscription's amount (the event was for a
 * higher amount or the top-up threshold); `stale`: an event no later than the last alert (a
 * redelivered or out-of-order job); `quiet`: within 48 hours of the last alert, not re-armed.
 */
export type AlertDecision = 'send' | 'notBelow' | 'stale' | 'quiet';

/**
 * The repeat rule of "Besked ved lav saldo": a purchase that leaves less than the amount sends
 * an e-mail, then none for 48 hours, unless money put in meanwhile lifted the balance to the
 * amount again (re-armed: the next purchase under it alerts at once). Deterministic in the
 * facts, so a job run twice decides twice the same.
 */
export function decideAlert(facts: AlertFacts): AlertDecision {
  if (facts.balanceAfter >= facts.below) return 'notBelow';
  if (facts.lastAlertAt === null) return 'send';
  if (facts.purchasedAt.getTime() <= facts.lastAlertAt.getTime()) return 'stale';
  if (facts.highestSinceLastAlert !== null && facts.highestSinceLastAlert >= facts.below) return 'send';
  return facts.purchasedAt.getTime() - facts.lastAlertAt.getTime() >= QUIET_MS ? 'send' : 'quiet';
}
