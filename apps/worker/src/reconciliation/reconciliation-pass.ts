import type { PaymentReconciliation, ReconciliationPass } from '@kk/payments';
import type { ReconciliationMetrics } from './reconciliation-metrics';
import { reconciliationClock, type ReconciliationSettings } from './reconciliation-settings';

export interface ReconciliationPassLogger {
  log(message: string): void;
  debug(message: string): void;
  error(message: string): void;
}

/**
 * One pass of the `payments-reconciliation` job: every tenant's undecided payments asked
 * about and settled from the provider's answer (PaymentReconciliation, idempotent per
 * payment, so passes of two workers at once credit nothing twice). Counted and logged; a
 * throw fails the job, and the next repeat is the retry.
 */
export async function runReconciliationPass(
  reconciliation: Pick<PaymentReconciliation, 'runOnce'>,
  settings: ReconciliationSettings,
  metrics: ReconciliationMetrics,
  logger: ReconciliationPassLogger,
  now: () => number = Date.now,
): Promise<ReconciliationPass> {
  try {
    const pass = await reconciliation.runOnce(reconciliationClock(settings, now()));
    metrics.recordPass(pass, now());
    const counts = `checked ${pass.checked}, decided ${pass.decided}, still undecided ${pass.undecided}`;
    // A line a minute that says nothing happened is kept for debug.
    if (pass.checked > 0) logger.log(`payment reconciliation: ${counts}`);
    else logger.debug(`payment reconciliation: ${counts}`);
    return pass;
  } catch (error) {
    metrics.recordFailure();
    logger.error(`payment reconciliation pass failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}
