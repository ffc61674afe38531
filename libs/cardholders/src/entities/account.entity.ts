import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '@kk/database';

/** A canteen-card account (konto) of a cardholder; its wallet is the ledger account with the same id. */
@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'cardholder_id', type: 'uuid' })
  cardholderId!: string;

  /** Spending limits in øre per calendar day, ISO week and month (Europe/Copenhagen); null: none. */
  @Column({ name: 'daily_limit', type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  dailyLimit!: number | null;

  @Column({ name: 'weekly_limit', type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  weeklyLimit!: number | null;

  @Column({ name: 'monthly_limit', type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  monthlyLimit!: number | null;

  /** The card pays only at tills in the account's allowed units (AccountAllowedUnitEntity). */
  @Column({ name: 'units_restricted', type: 'boolean' })
  unitsRestricted!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
