import { Injectable } from '@nestjs/common';
import { MoreThanOrEqual } from 'typeorm';
import { TenantRepository } from '@kk/tenant-transactions';
import { PaymentEntity, UNDECIDED_STATUSES, type PaymentPurpose, type PaymentStatus } from './entities';
import type { ProviderName } from './gateway/payment-gateway';

export interface NewPayment {
  readonly purpose: PaymentPurpose;
  readonly provider: ProviderName;
  readonly accountId: string;
  readonly loginId: string | null;
  readonly agreementId?: string | null;
  readonly purchaseId?: string | null;
  readonly amount: number;
  readonly receiptEmail?: string | null;
  /** MobilePay knows a payment by our reference, so it is known before the provider answers. */
  readonly providerPaymentId?: string | null;
}

export type PaymentChange = Partial<
  Pick<PaymentEntity, 'providerPaymentId' | 'status' | 'failure' | 'transactionId' | 'cardMaskedPan' | 'settledAt'>
>;

/** Payments of the active tenant transaction's tenant. */
@Injectable()
export class PaymentsRepository extends TenantRepository<PaymentEntity> {
  constructor() {
    super(PaymentEntity);
  }

  async insert(row: NewPayment): Promise<PaymentEntity> {
    const status: PaymentStatus = 'created';
    const saved = await this.repo.save(
      this.repo.create({
        tenantId: this.tenantId,
        purpose: row.purpose,
        provider: row.provider,
        accountId: row.accountId,
        loginId: row.loginId,
        agreementId: row.agreementId ?? null,
        purchaseId: row.purchaseId ?? null,
        amount: row.amount,
        receiptEmail: row.receiptEmail ?? null,
        providerPaymentId: row.providerPaymentId ?? null,
        status,
      }),
      { reload: true },
    );
    return saved;
  }

  /**
   * The top-up a purchase set off, unless one is already in flight for the account (or this
   * purchase already has one): then undefined, and nothing is written.
   */
  async insertTopUp(row: {
    accountId: string;
    agreementId: string;
    purchaseId: string;
    amount: number;
  }): Promise<PaymentEntity | undefined> {
    const inserted = await this.repo
      .createQueryBuilder()
      .insert()
      .values({
        tenantId: this.tenantId,
        purpose: 'top_up',
        provider: 'nexi',
        accountId: row.accountId,
        loginId: null,
        agreementId: row.agreementId,
        purchaseId: row.purchaseId,
        amount: row.amount,
        status: 'created',
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    return id ? ((await this.findById(id)) ?? undefined) : undefined;
  }

  /** A top-up of the account still undecided, or begun at or after `since` (whatever became of it). */
  hasTopUpInFlightOrSince(accountId: string, since: Date): Promise<boolean> {
    return this.repo
      .createQueryBuilder('payment')
      .where("payment.tenant_id = :tenant AND payment.account_id = :accountId AND payment.purpose = 'top_up'", {
        tenant: this.tenantId,
        accountId,
      })
      .andWhere("(payment.status IN ('created', 'pending') OR payment.created_at >= :since)", { since })
      .getExists();
  }

  findByPurchase(purchaseId: string): Promise<PaymentEntity | null> {
    return this.repo.findOneBy({ tenantId: this.tenantId, purchaseId });
  }

  findById(id: string): Promise<PaymentEntity | null> {
    return this.repo.findOneBy({ tenantId: this.tenantId, id });
  }

  findByProviderPaymentId(provider: ProviderName, providerPaymentId: string): Promise<PaymentEntity | null> {
    return this.repo.findOneBy({ tenantId: this.tenantId, provider, providerPaymentId });
  }

  /** The row, locked until the caller's transaction ends: one settlement at a time per payment. */
  lockById(id: string): Promise<PaymentEntity | null> {
    return this.repo
      .createQueryBuilder('payment')
      .where('payment.tenant_id = :tenant AND payment.id = :id', { tenant: this.tenantId, id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async change(id: string, change: PaymentChange): Promise<void> {
    await this.repo.update({ tenantId: this.tenantId, id }, { ...change, updatedAt: new Date() });
  }

  /** A completed deposit of this amount to this account since `since` (Nets then refuses the same card and amount). */
  async hasRecentDeposit(accountId: string, amount: number, since: Date): Promise<boolean> {
    return this.repo.existsBy({
      tenantId: this.tenantId,
      accountId,
      amount,
      purpose: 'deposit',
      status: 'completed',
      createdAt: MoreThanOrEqual(since),
    });
  }

  /** Whether the agreement had another failed top-up since `since` (its parent was told then). */
  hasOtherFailedTopUp(agreementId: string, paymentId: string, since: Date): Promise<boolean> {
    return this.repo
      .createQueryBuilder('payment')
      .where('payment.tenant_id = :tenant AND payment.agreement_id = :agreementId', {
        tenant: this.tenantId,
        agreementId,
      })
      .andWhere("payment.purpose = 'top_up' AND payment.status = 'failed' AND payment.id <> :paymentId", { paymentId })
      .andWhere('payment.settled_at >= :since', { since })
      .getExists();
  }

  /** The account's payments, newest first. */
  listForAccount(accountId: string, limit: number): Promise<PaymentEntity[]> {
    return this.repo.find({
      where: { tenantId: this.tenantId, accountId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  /** Still undecided, oldest first: the reconciliation's work list. */
  undecided(createdBefore: Date, limit: number): Promise<PaymentEntity[]> {
    return this.repo
      .createQueryBuilder('payment')
      .where('payment.tenant_id = :tenant AND payment.status IN (:...undecided) AND payment.created_at < :before', {
        tenant: this.tenantId,
        undecided: UNDECIDED_STATUSES,
        before: createdBefore,
      })
      .orderBy('payment.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }
}
