import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '@kk/database';
import type { DeclineReason } from '../decline-reason';

/**
 * The purchase log: every decision a till asked for, approved or declined, with its reason,
 * till and time; written only by pos_purchase/pos_reverse (pos.queries.ts), read by
 * statements ("see what was bought") and reports.
 */
@Entity({ name: 'pos_purchases' })
export class PosPurchaseEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'till_id', type: 'uuid' })
  tillId!: string;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'card_number', type: 'text' })
  cardNumber!: string;

  /** Null when the card was unknown. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  amount!: number;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  decision!: 'approved' | 'declined';

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason!: DeclineReason | null;

  @Column({ name: 'balance_after', type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  balanceAfter!: number | null;

  @Column({ name: 'transaction_id', type: 'uuid', nullable: true })
  transactionId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'reversed_at', type: 'timestamptz', nullable: true })
  reversedAt!: Date | null;

  @Column({ name: 'reversal_transaction_id', type: 'uuid', nullable: true })
  reversalTransactionId!: string | null;

  @Column({ name: 'reversal_balance', type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  reversalBalance!: number | null;
}
