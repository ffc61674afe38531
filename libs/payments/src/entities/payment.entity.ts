import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '@kk/database';
import type { ProviderName } from '../gateway/payment-gateway';

export type PaymentPurpose = 'deposit' | 'card_registration' | 'top_up';

/**
 * `created`: our row exists, the provider has not answered yet; `pending`: the provider
 * knows the payment and has not decided; the other three are final.
 */
export type PaymentStatus = 'created' | 'pending' | 'completed' | 'failed' | 'cancelled';

export const UNDECIDED_STATUSES: readonly PaymentStatus[] = ['created', 'pending'];

/** One request for money at a provider; its id is the reference the provider knows it by. */
@Entity({ name: 'payments' })
export class PaymentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  purpose!: PaymentPurpose;

  @Column({ type: 'text' })
  provider!: ProviderName;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** Who started it; null for a top-up, which a till purchase starts. */
  @Column({ name: 'login_id', type: 'uuid', nullable: true })
  loginId!: string | null;

  @Column({ name: 'agreement_id', type: 'uuid', nullable: true })
  agreementId!: string | null;

  /** The till purchase that left the balance under the threshold (top-ups only). */
  @Column({ name: 'purchase_id', type: 'uuid', nullable: true })
  purchaseId!: string | null;

  /** Øre; 0 only for a card registration. */
  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  amount!: number;

  @Column({ name: 'receipt_email', type: 'text', nullable: true })
  receiptEmail!: string | null;

  @Column({ name: 'provider_payment_id', type: 'text', nullable: true })
  providerPaymentId!: string | null;

  @Column({ type: 'text' })
  status!: PaymentStatus;

  /** Why it failed or was cancelled (a StoredCardFailure for top-ups, else the provider's word). */
  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  /** The ledger credit, once completed. */
  @Column({ name: 'transaction_id', type: 'uuid', nullable: true })
  transactionId!: string | null;

  @Column({ name: 'card_masked_pan', type: 'text', nullable: true })
  cardMaskedPan!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
