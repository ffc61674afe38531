import { Injectable, Logger } from '@nestjs/common';
import { type TenantTx } from '@kk/database';
import { TenantTransactions } from '@kk/tenant-transactions';
import { postTransaction, systemAccountId } from '@kk/ledger';
import { TenantRegistry, type TenantConfig } from '@kk/tenancy';
import type { PaymentEntity } from '../entities';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderPaymentState } from '../gateway/payment-gateway';
import { PaymentProviders } from '../gateway/payment-providers';
import { PaymentsRepository } from '../payments.repository';
import { SettlementEffects } from './settlement-effects';

const FINAL = new Set(['completed', 'failed', 'cancelled']);

export function isFinalPayment(payment: Pick<PaymentEntity, 'status'>): boolean {
  return FINAL.has(payment.status);
}

/** The ledger's idempotency key of a payment's credit: one credit per payment, ever. */
export function creditKeyOf(paymentId: string): string {
  return `payment:${paymentId}`;
}

/**
 * Turns what a provider says about a payment into our record of it, exactly once. Every path
 * that learns something (the parent's return to the portal, a webhook, the reconciliation
 * job) ends here, with the provider's own answer read again from its API, never with what
 * a browser or a webhook claimed. The payment row is locked while it is applied, and the
 * credit's ledger key is the payment's id, so concurrent or repeated settlements credit once.
 */
@Injectable()
export class PaymentSettlement {
  private readonly log = new Logger(PaymentSettlement.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly payments: PaymentsRepository,
    private readonly providers: PaymentProviders,
    private readonly tenants: TenantRegistry,
    private readonly effects: SettlementEffects,
  ) {}

  /**
   * Asks the provider what became of the payment and records it. MobilePay authorises first:
   * an authorised payment is captured here (idempotently) and read again. Returns the row as
   * it stands afterwards; a provider that does not answer leaves it undecided (and throws).
   */
  async settle(tenantId: string, paymentId: string): Promise<PaymentEntity | null> {
    const payment = await this.transactions.run(tenantId, () => this.payments.findById(paymentId));
    if (!payment || isFinalPayment(payment) || !payment.providerPaymentId) return payment;
    // A top-up is the worker's charge (TopUpCharger), asked about again with its own reference.
    if (payment.purpose === 'top_up') return payment;
    const provider = this.providers.provider(this.tenants.require(tenantId), payment.provider);
    let state = await provider.readPayment(payment.providerPaymentId);
    if (state.status === 'authorized') {
      await provider.capture(payment.providerPaymentId, state.authorizedAmount);
      state = await provider.readPayment(payment.providerPaymentId);
    }
    return this.apply(tenantId, paymentId, state);
  }

  /**
   * Asks the provider to end an undecided payment its payer left. A refusal (it was paid after
   * all) or no answer changes nothing here: the next read decides.
   */
  async endAtProvider(tenant: TenantConfig, payment: PaymentEntity): Promise<void> {
    if (isFinalPayment(payment) || !payment.providerPaymentId) return;
    try {
      await this.providers.provider(tenant, payment.provider).cancel(payment.providerPaymentId);
    } catch (error) {
      if (!(error instanceof ProviderRejectedError || error instanceof ProviderUnavailableError)) throw error;
      this.log.log(`payment ${payment.id}: not ended at ${payment.provider}: ${error.message}`);
    }
  }

  /** Records a state the provider gave (read from its API by the caller); a final row stays as it is. */
  apply(tenantId: string, paymentId: string, state: ProviderPaymentState): Promise<PaymentEntity | null> {
    return this.transactions.run(tenantId, async () => {
      const payment = await this.payments.lockById(paymentId);
      if (!payment || isFinalPayment(payment)) return payment;
      const tx = this.transactions.current();
      switch (state.status) {
        case 'pending':
        case 'authorized':
          if (payment.status === 'created') await this.payments.change(paymentId, { status: 'pending' });
          break;
        case 'completed':
          await this.complete(tx, payment, state);
          break;
        case 'failed':
        case 'cancelled':
          await this.payments.change(paymentId, {
            status: state.status,
            failure: state.detail?.slice(0, 200) ?? null,
            settledAt: new Date(),
          });
          await this.effects.onEnded(tx, {
            ...payment,
            status: state.status,
            failure: state.detail?.slice(0, 200) ?? null,
            settledAt: new Date(),
          });
          break;
      }
      return this.payments.findById(paymentId);
    });
  }

  private async complete(
    tx: TenantTx,
    payment: PaymentEntity,
    state: Extract<ProviderPaymentState, { status: 'completed' }>,
  ): Promise<void> {
    const charged = state.chargedAmount;
    if (payment.purpose !== 'card_registration' && charged !== payment.amount) {
      // The provider's charge is the money that moved: credit that, and leave a trace to look into.
      this.log.warn(`payment ${payment.id}: charged ${charged} øre, asked ${payment.amount}`);
    }
    let transactionId: string | null = null;
    if (payment.purpose !== 'card_registration' && charged > 0) {
      const posted = await postTransaction(tx, {
        kind: payment.purpose === 'top_up' ? 'auto_top_up' : `${payment.provider}_deposit`,
        idempotencyKey: creditKeyOf(payment.id),
        description: payment.purpose === 'top_up' ? 'Automatisk optankning' : 'Indbetaling',
        postings: [
          { ledgerAccountId: payment.accountId, amount: charged },
          { ledgerAccountId: await systemAccountId(tx, 'gateway_clearing'), amount: -charged },
        ],
      });
      transactionId = posted.transactionId;
    }
    const completed = {
      status: 'completed' as const,
      transactionId,
      cardMaskedPan: state.card?.maskedPan ?? payment.cardMaskedPan,
      settledAt: new Date(),
    };
    await this.payments.change(payment.id, completed);
    await this.effects.onCompleted(tx, { ...payment, ...completed }, state);
  }
}
