import { Injectable, Logger } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import { TenantRegistry } from '@kk/tenancy';
import { isFinalPayment, PaymentSettlement } from '../settlement/payment-settlement';
import { ProviderRejectedError, ProviderUnavailableError } from '../gateway/payment-gateway';
import type { PaymentEntity } from '../entities';
import { PaymentsRepository } from '../payments.repository';
import { PaymentRefunds } from '../refunds/payment-refunds.service';
import { TopUpCharger } from '../top-up/top-up-charger';

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
 * that answer, exactly as the return page and the webhooks do. A top-up left undecided
 * (a worker killed mid-charge, a provider that had not decided) is charged again with the
 * same reference, which Nexi answers with the first charge.
 */
@Injectable()
export class PaymentReconciliation {
  private readonly log = new Logger(PaymentReconciliation.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly payments: PaymentsRepository,
    private readonly settlement: PaymentSettlement,
    private readonly tenants: TenantRegistry,
    private readonly topUps: TopUpCharger,
    private readonly refunds: PaymentRefunds,
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
        checked += 1;
        try {
          if (await this.decide(tenant.slug, payment, now)) decided += 1;
        } catch (error) {
          if (!(error instanceof ProviderUnavailableError || error instanceof ProviderRejectedError)) throw error;
          this.log.warn(`payment ${payment.id} (${tenant.slug}): ${error.message}`);
        }
      }
      // Refunds left pending (no answer, a process killed mid-way) are tried again, counted
      // with the payments, so a refund that stays undecided shows in the same gauge.
      const refunds = await this.refunds.resumePending(tenant.slug, new Date(now.getTime() - RECONCILE_AFTER_MS));
      checked += refunds.checked;
      decided += refunds.decided;
    }
    return { checked, decided, undecided: checked - decided };
  }

  /** True when the payment is decided now. */
  private async decide(tenantId: string, payment: PaymentEntity, now: Date): Promise<boolean> {
    if (payment.purpose === 'top_up') {
      const outcome = await this.topUps.resume(tenantId, payment.id);
      return outcome === 'completed' || outcome === 'failed';
    }
    if (!payment.providerPaymentId) {
      if (now.getTime() - payment.createdAt.getTime() < NEVER_SENT_AFTER_MS) return false;
      await this.settlement.apply(tenantId, payment.id, { status: 'failed', detail: 'never_reached_provider' });
      return true;
    }
    const after = await this.settlement.settle(tenantId, payment.id);
    return after !== null && isFinalPayment(after);
  }
}
