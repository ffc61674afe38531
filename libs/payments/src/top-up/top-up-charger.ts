import { Injectable, Logger } from '@nestjs/common';
import { CardsRepository } from '@kk/cardholders';
import { lockOutboxRowForProcessing, markOutboxRowProcessed, type WalletLowBalancePayload } from '@kk/jobs';
import { TenantRegistry } from '@kk/tenancy';
import { TenantTransactions } from '@kk/tenant-transactions';
import type { PaymentEntity, TopUpAgreementEntity } from '../entities';
import type { StoredCardChargeState } from '../gateway/payment-gateway';
import { PaymentProviders } from '../gateway/payment-providers';
import { walletBalanceOf } from '../payments.queries';
import { PaymentsRepository } from '../payments.repository';
import { isFinalPayment, PaymentSettlement } from '../settlement/payment-settlement';
import { TopUpAgreementsRepository } from './top-up-agreements.repository';

/**
 * `noAgreement`: nothing to do; `inFlight`: another top-up of the account is being charged;
 * `pending`: the provider has not decided, the charge is asked again later with the same reference.
 */
export type TopUpOutcome = 'alreadyDone' | 'noAgreement' | 'inFlight' | 'completed' | 'failed' | 'pending';

type Begun =
  | { readonly kind: 'done'; readonly outcome: TopUpOutcome }
  | { readonly kind: 'charge'; readonly payment: PaymentEntity; readonly agreement: TopUpAgreementEntity };

/**
 * "Automatisk Optankning" fired by a till purchase (the purchase's own transaction wrote the
 * low-balance event). The top-up is a payment row keyed by that purchase, so a redelivered job
 * finds it instead of starting another, and at most one is in flight per account (a unique
 * index). The row is committed before the provider is asked, and the charge's reference is the
 * row's id: Nexi's safe-retry bulk charge answers the first charge when asked again, so a
 * worker killed between the provider's charge and our commit charges once and credits once
 * when the job, the sweep or the reconciliation asks again.
 */
@Injectable()
export class TopUpCharger {
  private readonly log = new Logger(TopUpCharger.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly agreements: TopUpAgreementsRepository,
    private readonly payments: PaymentsRepository,
    private readonly cards: CardsRepository,
    private readonly providers: PaymentProviders,
    private readonly settlement: PaymentSettlement,
    private readonly tenants: TenantRegistry,
  ) {}

  /** The processor of one `wallet.low_balance` outbox row. */
  async onLowBalance(tenantId: string, outboxId: string, event: WalletLowBalancePayload): Promise<TopUpOutcome> {
    const begun = await this.transactions.run(tenantId, () => this.begin(outboxId, event));
    if (begun.kind === 'done') return begun.outcome;
    return this.charge(tenantId, begun.payment, begun.agreement, outboxId);
  }

  /** The reconciliation's way in: a top-up left undecided is asked about again, same reference. */
  async resume(tenantId: string, paymentId: string): Promise<TopUpOutcome> {
    const found = await this.transactions.run(tenantId, async () => {
      const payment = await this.payments.findById(paymentId);
      const agreement = payment?.agreementId ? await this.agreements.findById(payment.agreementId) : null;
      return payment && agreement ? { payment, agreement } : undefined;
    });
    if (!found || isFinalPayment(found.payment)) return 'alreadyDone';
    return this.charge(tenantId, found.payment, found.agreement, undefined);
  }

  /**
   * Locks the account's agreement first, so the events of one account are decided one at a
   * time, and never waits on a top-up being completed meanwhile (which would lock in the
   * other order). A purchase whose low balance a top-up started after it already answers, one
   * still in flight, or one whose credit has since lifted the balance, sets off nothing: 50
   * purchases crossing the threshold, one top-up, across any number of POS and worker processes.
   */
  private async begin(outboxId: string, event: WalletLowBalancePayload): Promise<Begun> {
    const tx = this.transactions.current();
    const agreement = await this.agreements.lockActive(event.accountId);
    const row = await lockOutboxRowForProcessing(tx, outboxId);
    if (!row || row.processed) return { kind: 'done', outcome: 'alreadyDone' };
    const earlier = await this.payments.findByPurchase(event.purchaseId);
    if (earlier) {
      const own = earlier.agreementId ? await this.agreements.findById(earlier.agreementId) : null;
      if (isFinalPayment(earlier) || !own) return this.finish(outboxId, 'alreadyDone');
      return { kind: 'charge', payment: earlier, agreement: own };
    }
    // An event written for a "Besked ved lav saldo" amount above the tenant's threshold: no top-up.
    if (event.balance >= this.tenants.require(tx.tenantId).autoTopUp.thresholdOre) {
      return this.finish(outboxId, 'noAgreement');
    }
    if (!agreement?.storedCardId) return this.finish(outboxId, 'noAgreement');
    if (await this.payments.hasTopUpInFlightOrSince(event.accountId, row.createdAt)) {
      return this.finish(outboxId, 'inFlight');
    }
    // A purchase made while an earlier top-up was being charged saw the balance before its
    // credit; once that credit has lifted the balance again, the crossing is answered.
    const balance = await walletBalanceOf(tx, event.accountId);
    if (balance !== undefined && balance >= this.tenants.require(tx.tenantId).autoTopUp.thresholdOre) {
      return this.finish(outboxId, 'alreadyDone');
    }
    const card = await this.cards.currentCardOfAccount(event.accountId);
    const payment = await this.payments.insertTopUp({
      accountId: event.accountId,
      agreementId: agreement.id,
      purchaseId: event.purchaseId,
      amount: agreement.amount,
    });
    if (!payment) return this.finish(outboxId, 'inFlight');
    if (card?.status !== 'active') {
      // The seeds: a blocked canteen card takes no top-up; the parent is told why.
      await this.settlement.apply(tx.tenantId, payment.id, { status: 'failed', detail: 'canteen_card_blocked' });
      return this.finish(outboxId, 'failed');
    }
    return { kind: 'charge', payment, agreement };
  }

  private async charge(
    tenantId: string,
    payment: PaymentEntity,
    agreement: TopUpAgreementEntity,
    outboxId: string | undefined,
  ): Promise<TopUpOutcome> {
    const tenant = this.tenants.require(tenantId);
    const storedCardId = agreement.storedCardId;
    if (!storedCardId) throw new Error(`agreement ${agreement.id} has no stored card`);
    const state: StoredCardChargeState = await this.providers.storedCards(tenant).charge({
      storedCardId,
      amount: payment.amount,
      reference: payment.id,
      description: `Automatisk optankning på ${tenant.productName}`,
    });
    return this.transactions.run(tenantId, async () => {
      if (state.status === 'pending') {
        if (payment.status === 'created') await this.payments.change(payment.id, { status: 'pending' });
        return 'pending';
      }
      if (state.status === 'succeeded') {
        await this.payments.change(payment.id, { providerPaymentId: state.providerPaymentId });
        await this.settlement.apply(tenantId, payment.id, { status: 'completed', chargedAmount: state.amount });
      } else {
        this.log.log(`top-up ${payment.id} (${tenantId}): ${state.failure}${state.detail ? ` – ${state.detail}` : ''}`);
        await this.settlement.apply(tenantId, payment.id, { status: 'failed', detail: state.failure });
      }
      if (outboxId) await markOutboxRowProcessed(this.transactions.current(), outboxId);
      return state.status === 'succeeded' ? 'completed' : 'failed';
    });
  }

  private async finish(outboxId: string, outcome: TopUpOutcome): Promise<Begun> {
    await markOutboxRowProcessed(this.transactions.current(), outboxId);
    return { kind: 'done', outcome };
  }
}
