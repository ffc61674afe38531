import { Injectable, Logger } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import { TenantRegistry } from '@kk/tenancy';
import { isFinalPayment, PaymentSettlement } from '../settlement/payment-settlement';
import { ProviderRejectedError, ProviderUnavailableError } from '../gateway/payment-gateway';
import { PaymentsRepository } from '../payments.repository';

/** How long a payment is left to its return page and webhooks before the job asks. */
export const RECONCILE_AFTER_MS = 2 * 60_000;
/** A row the provider never heard of (the process died before the call): the parent never saw a page. */
export const NEVER_SENT_AFTER_MS = 30 * 60_000;
const BATCH = 200;

export interface ReconciliationPass {
  readonly checked: number;
  /** Decided in this pass (completed, failed or cancelled). */
  readonly decided: number;
  /** Still undecided at the provider, or the provider did not answer. */
  readonly undecided: number;
}

/**
 * "I paid, but the money never arrived" must not happen silently: a repeating job asks the
 * provider about every payment still undecided a while after it began, and settles it from
 * that answer, exactly as the return page and the webhooks do. Top-up charges are the
 * worker's own and are retried by their processor with the same reference.
 */
@Injectable()
export class PaymentReconciliation {
  private readonly log = new Logger(PaymentReconciliation.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly payments: PaymentsRepository,
    private readonly settlement: PaymentSettlement,
    private readonly tenants: TenantRegistry,
  ) {}

  async runOnce(now: Date = new Date()): Promise<ReconciliationPass> {
    let checked = 0;
    let decided = 0;
    for (const tenant of this.tenants.all()) {
      if (!tenant.payments) continue;
      const due = await this.transactions.run(tenant.slug, () =>
        this.payments.undecided(new Date(now.getTime() - RECONCILE_AFTER_MS), BATCH),
      );
      for (const payment of due) {
        if (payment.purpose === 'top_up') continue;
        checked += 1;
        if (!payment.providerPaymentId) {
          if (now.getTime() - payment.createdAt.getTime() < NEVER_SENT_AFTER_MS) continue;
          await this.settlement.apply(tenant.slug, payment.id, { status: 'failed', detail: 'never_reached_provider' });
          decided += 1;
          continue;
        }
        try {
          const after = await this.settlement.settle(tenant.slug, payment.id);
          if (after && isFinalPayment(after)) decided += 1;
        } catch (error) {
          if (!(error instanceof ProviderUnavailableError || error instanceof ProviderRejectedError)) throw error;
          this.log.warn(`payment ${payment.id} (${tenant.slug}): ${error.message}`);
        }
      }
    }
    return { checked, decided, undecided: checked - decided };
  }
}
