import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '@kk/database';

/**
 * `pending`: the money has left the wallet (into gateway clearing) and the provider has not
 * yet been heard to refund it; `completed`: the provider refunded it; `failed`: the provider
 * refused, and the wallet got the money back. The last two are final.
 */
export type PaymentRefundStatus = 'pending' | 'completed' | 'failed';

/** Money of a completed deposit or top-up paid back through the provider it came by. */
@Entity({ name: 'payment_refunds' })
export class PaymentRefundEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** Chosen by us before the row is written: the ledger keys and MobilePay's Idempotency-Key name it. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  /** Øre, > 0. */
  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  amount!: number;

  @Column({ type: 'text' })
  status!: PaymentRefundStatus;

  /** Why the provider refused it (failed only). */
  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  /** Who asked: the CLI's operator name, or an admin's id. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  /** The debit wallet → gateway clearing, made when the refund was asked for. */
  @Column({ name: 'transaction_id', type: 'uuid' })
  transactionId!: string;

  /** The credit back to the wallet, when the provider refused. */
  @Column({ name: 'reversal_transaction_id', type: 'uuid', nullable: true })
  reversalTransactionId!: string | null;

  /** Nexi's refundId, when its answer reached us; MobilePay has none. */
  @Column({ name: 'provider_refund_id', type: 'text', nullable: true })
  providerRefundId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Touched by every attempt at the provider, so the reconciliation leaves a fresh one alone. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
