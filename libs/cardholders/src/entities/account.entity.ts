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

  /**
   * The highest "Besked ved lav saldo" amount of the account's subscribers (øre), kept by
   * libs/balance-alerts; the till writes a low-balance event under it as under the top-up threshold.
   */
  @Column({ name: 'low_balance_alert_below', type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  lowBalanceAlertBelow!: number | null;

  /**
   * Brugeroplysninger (libs/account-settings): where receipts go and where an ordered card is
   * sent, as the parent keeps them. Not the cardholder's email/address, which the school's
   * import owns. The address is street, postal code and town together, or none.
   */
  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'address_street', type: 'text', nullable: true })
  addressStreet!: string | null;

  @Column({ name: 'address_postal_code', type: 'text', nullable: true })
  addressPostalCode!: string | null;

  @Column({ name: 'address_city', type: 'text', nullable: true })
  addressCity!: string | null;
}
