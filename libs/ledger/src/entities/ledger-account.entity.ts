import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '@kk/database';

/**
 * A ledger account: a konto's wallet (same id as the konto, with a stored balance that
 * never goes below zero), a till's sales account, or one of the tenant's system accounts
 * (no stored balance: the sum of its postings). Written only by ledger posting (ledger.queries.ts).
 */
@Entity({ name: 'ledger_accounts' })
export class LedgerAccountEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** 'wallet', 'till_sales', 'gateway_clearing', 'cash_office', … */
  @Column({ type: 'text' })
  kind!: string;

  /** The konto of a wallet; null for the other kinds. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ name: 'till_id', type: 'uuid', nullable: true })
  tillId!: string | null;

  /** Øre, wallets only. */
  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  balance!: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
