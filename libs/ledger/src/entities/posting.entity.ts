import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '@kk/database';

/** One leg of a ledger transaction: append-only (the app role may not UPDATE or DELETE it). */
@Entity({ name: 'postings' })
export class PostingEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'transaction_id', type: 'uuid' })
  transactionId!: string;

  @PrimaryColumn({ name: 'ledger_account_id', type: 'uuid' })
  ledgerAccountId!: string;

  /** A sequence number, for stable ordering of a statement. */
  @Column({ type: 'bigint', insert: false, update: false })
  id!: string;

  /** Øre; positive credits the account, negative debits it. */
  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  amount!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
