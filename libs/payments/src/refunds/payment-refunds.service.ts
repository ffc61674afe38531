import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { isUuid } from '@kk/database';
import { postTransaction, systemAccountId } from '@kk/ledger';
import { TenantRegistry } from '@kk/tenancy';
import { TenantTransactions } from '@kk/tenant-transactions';
import type {
  PaymentEntity,
  PaymentPurpose,
  PaymentRefundEntity,
  PaymentRefundStatus,
  PaymentStatus,
} from '../entities';
import {
  ProviderRejectedError,
  ProviderUnavailableError,
  type PaymentProvider,
  type ProviderRefund,
  type ProviderRefundState,
} from '../gateway/payment-gateway';
import { PaymentProviders } from '../gateway/payment-providers';
import { PaymentsRepository } from '../payments.repository';
import { PaymentRefundsRepository } from './payment-refunds.repository';
import { decideRefund } from './refund-decision';

const REFUNDABLE: ReadonlySet<PaymentPurpose> = new Set(['deposit', 'top_up']);
const MAX_REQUESTED_BY = 200;
const MAX_FAILURE = 200;
const BATCH = 200;

/** The ledger's key of a refund's debit, and of its reversal when the provider refused. */
export const refundKeyOf = (refundId: string): string => `refund:${refundId}`;
export const refundReversalKeyOf = (refundId: string): string => `refund-reversal:${refundId}`;

export interface RefundView {
  readonly refundId: string;
  readonly paymentId: string;
  /** Øre. */
  readonly amount: number;
  readonly status: PaymentRefundStatus;
  readonly failure: string | null;
  readonly requestedBy: string;
}

/**
 * Why a refund is still pending after an attempt: the provider did not answer (the
 * reconciliation asks again), its figures need an operator, or another process is asking it
 * right now.
 */
export type RefundPendingReason = 'providerUnavailable' | 'needsOperator' | 'inProgress';

export interface RefundAttempt {
  readonly refund: RefundView;
  readonly pendingReason?: RefundPendingReason;
  /** What the provider said, or what does not add up. */
  readonly detail?: string;
}

export type RefundRequestOutcome =
  | { readonly kind: 'noSuchPayment' }
  /** Only a completed deposit or top-up has money to give back. */
  | { readonly kind: 'notRefundable'; readonly purpose: PaymentPurpose; readonly status: PaymentStatus }
  | { readonly kind: 'invalidAmount' }
  | { readonly kind: 'invalidRequester' }
  | { readonly kind: 'refundPending'; readonly refundId: string }
  /** Øre still refundable: the payment's amount less its refunds that did not fail. */
  | { readonly kind: 'exceedsRefundable'; readonly refundable: number }
  /** The wallet holds less than the refund (the money was spent); a wallet never goes below zero. */
  | { readonly kind: 'walletSpent'; readonly balance: number }
  | ({ readonly kind: 'requested'; readonly balance: number } & RefundAttempt);

type Begun =
  Exclude<RefundRequestOutcome, { kind: 'requested' }> | { readonly kind: 'begun'; readonly refundId: string };

type Settled =
  | { readonly kind: 'completed'; readonly answer: ProviderRefund }
  | { readonly kind: 'failed'; readonly detail: string }
  | { readonly kind: 'pending'; readonly reason: RefundPendingReason; readonly detail: string };

/**
 * Refunds of a completed deposit or top-up (an operator's or admin's action). The money leaves
 * the wallet first, in the transaction that records the refund, so it cannot be spent while
 * the provider is asked; the provider's word then completes the refund, or its refusal gives
 * the money back. Nexi takes no idempotency key on refunds, so every attempt first reads what
 * the provider has refunded: with one refund pending per payment that tells a refund made
 * (an answer lost, a process killed) from one never made, and anything else waits for an
 * operator. Attempts at the same refund are one at a time (its row is locked meanwhile).
 */
@Injectable()
export class PaymentRefunds {
  private readonly log = new Logger(PaymentRefunds.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly payments: PaymentsRepository,
    private readonly refunds: PaymentRefundsRepository,
    private readonly providers: PaymentProviders,
    private readonly tenants: TenantRegistry,
  ) {}

  /** Takes `amount` øre of the payment back out of the wallet and asks the provider to refund it. */
  async request(
    tenantId: string,
    paymentId: string,
    amount: number,
    requestedBy: string,
  ): Promise<RefundRequestOutcome> {
    if (!isUuid(paymentId)) return { kind: 'noSuchPayment' };
    if (!Number.isSafeInteger(amount) || amount <= 0) return { kind: 'invalidAmount' };
    const by = requestedBy.trim();
    if (by === '' || by.length > MAX_REQUESTED_BY) return { kind: 'invalidRequester' };
    const begun = await this.transactions.run(tenantId, () =>
      this.begin(tenantId, paymentId.toLowerCase(), amount, by),
    );
    if (begun.kind !== 'begun') return begun;
    const attempt = await this.send(tenantId, begun.refundId);
    const balance = await this.transactions.run(tenantId, async () => {
      const payment = await this.payments.findById(attempt.refund.paymentId);
      return payment ? ((await this.refunds.walletBalance(payment.accountId)) ?? 0) : 0;
    });
    return { kind: 'requested', balance, ...attempt };
  }

  /**
   * One attempt at the provider for a pending refund; repeating it is safe (a retry, the
   * reconciliation, a process that died mid-way). A final refund is answered as it stands.
   */
  send(tenantId: string, refundId: string): Promise<RefundAttempt> {
    const tenant = this.tenants.require(tenantId);
    // The row stays locked while the provider is asked: a second attempt meanwhile would read
    // the same "not refunded yet" and, at Nexi, refund twice.
    return this.transactions.run(tenantId, async () => {
      const refund = await this.refunds.lockPending(refundId);
      if (!refund) {
        const row = await this.refunds.findById(refundId);
        if (!row) throw new Error(`refund ${refundId} of tenant ${tenantId} does not exist`);
        return row.status === 'pending'
          ? { refund: viewOf(row), pendingReason: 'inProgress' }
          : { refund: viewOf(row) };
      }
      const payment = await this.payments.findById(refund.paymentId);
      if (!payment?.providerPaymentId) throw new Error(`refund ${refundId}: its payment has no provider id`);
      const provider = this.providers.provider(tenant, payment.provider);
      const settled = await this.attempt(provider, payment, refund);
      return this.record(refund, payment, settled);
    });
  }

  /** The reconciliation's part: every pending refund not tried since `triedBefore` is tried again. */
  async resumePending(tenantId: string, triedBefore: Date): Promise<{ checked: number; decided: number }> {
    const due = await this.transactions.run(tenantId, () => this.refunds.pendingSince(triedBefore, BATCH));
    let decided = 0;
    for (const refund of due) {
      const { refund: after } = await this.send(tenantId, refund.id);
      if (after.status !== 'pending') decided += 1;
    }
    return { checked: due.length, decided };
  }

  /** In one transaction: the payment and then the wallet locked, the checks, the debit and the row. */
  private async begin(tenantId: string, paymentId: string, amount: number, requestedBy: string): Promise<Begun> {
    const payment = await this.payments.lockById(paymentId);
    if (!payment) return { kind: 'noSuchPayment' };
    if (!REFUNDABLE.has(payment.purpose) || payment.status !== 'completed' || !payment.providerPaymentId) {
      return { kind: 'notRefundable', purpose: payment.purpose, status: payment.status };
    }
    // A tenant whose provider is gone (or whose keys are missing) refuses here, before any money moves.
    this.providers.provider(this.tenants.require(tenantId), payment.provider);
    const pending = await this.refunds.pendingOf(payment.id);
    if (pending) return { kind: 'refundPending', refundId: pending.id };
    const refundable = payment.amount - (await this.refunds.total(payment.id, ['pending', 'completed']));
    if (amount > refundable) return { kind: 'exceedsRefundable', refundable };
    const balance = await this.refunds.lockWallet(payment.accountId);
    if (balance === undefined) throw new Error(`payment ${payment.id}: account ${payment.accountId} has no wallet`);
    if (balance < amount) return { kind: 'walletSpent', balance };

    const tx = this.transactions.current();
    const refundId = randomUUID();
    const debit = await postTransaction(tx, {
      kind: 'refund',
      idempotencyKey: refundKeyOf(refundId),
      description: 'Tilbagebetaling',
      postings: [
        { ledgerAccountId: payment.accountId, amount: -amount },
        { ledgerAccountId: await systemAccountId(tx, 'gateway_clearing'), amount },
      ],
    });
    await this.refunds.insert({
      id: refundId,
      paymentId: payment.id,
      amount,
      requestedBy,
      transactionId: debit.transactionId,
    });
    return { kind: 'begun', refundId };
  }

  /** What the provider makes of the refund now; a provider's error never escapes it. */
  private async attempt(
    provider: PaymentProvider,
    payment: PaymentEntity,
    refund: PaymentRefundEntity,
  ): Promise<Settled> {
    const providerPaymentId = payment.providerPaymentId ?? '';
    let seen: ProviderRefundState;
    try {
      seen = await provider.readRefunds(providerPaymentId);
    } catch (error) {
      // Even a refusal of the read says nothing about whether a refund was made before.
      return undecided(error);
    }
    const completedBefore = await this.refunds.total(payment.id, ['completed']);
    const decision = decideRefund(seen, completedBefore, refund.amount);
    if (decision.kind === 'landed') return { kind: 'completed', answer: {} };
    if (decision.kind === 'unclear') return { kind: 'pending', reason: 'needsOperator', detail: decision.detail };
    try {
      const answer = await provider.refund({
        providerPaymentId,
        refundTarget: decision.refundTarget,
        amount: refund.amount,
        reference: refund.id,
        description: 'Tilbagebetaling',
      });
      return { kind: 'completed', answer };
    } catch (error) {
      // A 4xx to the refund itself: the provider refused it and refunded nothing.
      if (error instanceof ProviderRejectedError) return { kind: 'failed', detail: error.message };
      return undecided(error);
    }
  }

  private async record(refund: PaymentRefundEntity, payment: PaymentEntity, settled: Settled): Promise<RefundAttempt> {
    const where = `refund ${refund.id} of payment ${payment.id} (${refund.tenantId}, ${payment.provider})`;
    switch (settled.kind) {
      case 'completed':
        await this.refunds.change(refund.id, {
          status: 'completed',
          providerRefundId: settled.answer.providerRefundId?.slice(0, 100) ?? null,
          settledAt: new Date(),
        });
        break;
      case 'failed':
        this.log.warn(`${where}: refused, the wallet gets the money back: ${settled.detail}`);
        await this.reverse(refund, payment, settled.detail);
        break;
      case 'pending':
        if (settled.reason === 'needsOperator')
          this.log.error(`${where}: left pending for an operator: ${settled.detail}`);
        else this.log.warn(`${where}: still pending: ${settled.detail}`);
        // Touched, so the reconciliation leaves it alone for a while.
        await this.refunds.change(refund.id, {});
        break;
    }
    const after = await this.refunds.findById(refund.id);
    if (!after) throw new Error(`${where} vanished`);
    if (settled.kind === 'pending')
      return { refund: viewOf(after), pendingReason: settled.reason, detail: settled.detail };
    return settled.kind === 'failed' ? { refund: viewOf(after), detail: settled.detail } : { refund: viewOf(after) };
  }

  /** The refund failed: the debit is reversed in the transaction that marks it so. */
  private async reverse(refund: PaymentRefundEntity, payment: PaymentEntity, detail: string): Promise<void> {
    const tx = this.transactions.current();
    const reversal = await postTransaction(tx, {
      kind: 'refund_reversal',
      idempotencyKey: refundReversalKeyOf(refund.id),
      description: 'Tilbagebetaling afvist',
      postings: [
        { ledgerAccountId: payment.accountId, amount: refund.amount },
        { ledgerAccountId: await systemAccountId(tx, 'gateway_clearing'), amount: -refund.amount },
      ],
    });
    await this.refunds.change(refund.id, {
      status: 'failed',
      failure: detail.slice(0, MAX_FAILURE),
      reversalTransactionId: reversal.transactionId,
      settledAt: new Date(),
    });
  }
}

/** A provider that did not answer, or whose answer settles nothing: the refund stays pending. */
function undecided(error: unknown): Settled {
  if (error instanceof ProviderUnavailableError) {
    return { kind: 'pending', reason: 'providerUnavailable', detail: error.message };
  }
  if (error instanceof ProviderRejectedError)
    return { kind: 'pending', reason: 'needsOperator', detail: error.message };
  throw error;
}

function viewOf(refund: PaymentRefundEntity): RefundView {
  return {
    refundId: refund.id,
    paymentId: refund.paymentId,
    amount: refund.amount,
    status: refund.status,
    failure: refund.failure,
    requestedBy: refund.requestedBy,
  };
}
