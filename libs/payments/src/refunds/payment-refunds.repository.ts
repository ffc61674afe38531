import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { PaymentRefundEntity, type PaymentRefundStatus } from '../entities';
import { lockWalletBalance, walletBalanceOf } from '../payments.queries';

export interface NewRefund {
  readonly id: string;
  readonly paymentId: string;
  readonly amount: number;
  readonly requestedBy: string;
  readonly transactionId: string;
}

export type RefundChange = Partial<
  Pick<PaymentRefundEntity, 'status' | 'failure' | 'reversalTransactionId' | 'providerRefundId' | 'settledAt'>
>;

/** Refunds of the active tenant transaction's tenant, and the wallet a refund draws on. */
@Injectable()
export class PaymentRefundsRepository extends TenantRepository<PaymentRefundEntity> {
  constructor() {
    super(PaymentRefundEntity);
  }

  async insert(row: NewRefund): Promise<void> {
    const status: PaymentRefundStatus = 'pending';
    await this.repo.insert({ tenantId: this.tenantId, ...row, status, failure: null, settledAt: null });
  }

  findById(id: string): Promise<PaymentRefundEntity | null> {
    return this.repo.findOneBy({ tenantId: this.tenantId, id });
  }

  /**
   * The refund while it is pending, locked until the caller's transaction ends; null when it
   * is final or another process holds it (that one is asking the provider right now).
   */
  lockPending(id: string): Promise<PaymentRefundEntity | null> {
    return this.repo
      .createQueryBuilder('refund')
      .where("refund.tenant_id = :tenant AND refund.id = :id AND refund.status = 'pending'", {
        tenant: this.tenantId,
        id,
      })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }

  pendingOf(paymentId: string): Promise<PaymentRefundEntity | null> {
    return this.repo.findOneBy({ tenantId: this.tenantId, paymentId, status: 'pending' });
  }

  /** Øre of the payment's refunds in these statuses. */
  async total(paymentId: string, statuses: readonly PaymentRefundStatus[]): Promise<number> {
    const row = await this.repo
      .createQueryBuilder('refund')
      .select('coalesce(sum(refund.amount), 0)', 'total')
      .where('refund.tenant_id = :tenant AND refund.payment_id = :paymentId AND refund.status IN (:...statuses)', {
        tenant: this.tenantId,
        paymentId,
        statuses,
      })
      .getRawOne<{ total: string }>();
    return Number(row?.total ?? 0);
  }

  /** Pending refunds not tried since `triedBefore`, least recently tried first: the reconciliation's list. */
  pendingSince(triedBefore: Date, limit: number): Promise<PaymentRefundEntity[]> {
    return this.repo
      .createQueryBuilder('refund')
      .where("refund.tenant_id = :tenant AND refund.status = 'pending' AND refund.updated_at < :before", {
        tenant: this.tenantId,
        before: triedBefore,
      })
      .orderBy('refund.updated_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async change(id: string, change: RefundChange): Promise<void> {
    await this.repo.update({ tenantId: this.tenantId, id }, { ...change, updatedAt: new Date() });
  }

  lockWallet(walletId: string): Promise<number | undefined> {
    return lockWalletBalance(this.tx, walletId);
  }

  walletBalance(walletId: string): Promise<number | undefined> {
    return walletBalanceOf(this.tx, walletId);
  }
}
