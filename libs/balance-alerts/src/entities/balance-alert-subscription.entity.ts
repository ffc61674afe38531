import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '@kk/database';

/** "Besked ved lav saldo" of one login for one account; `below` null: turned off (the row keeps its history). */
@Entity({ name: 'balance_alert_subscriptions' })
export class BalanceAlertSubscriptionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'login_id', type: 'uuid' })
  loginId!: string;

  /** Øre, whole kroner: an e-mail when a purchase leaves less than this. */
  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  below!: number | null;

  /** Where the alert goes (a MitID login may have no e-mail of its own). */
  @Column({ type: 'text' })
  email!: string;

  /** The language of the page it was set on, and so of the e-mail. */
  @Column({ type: 'text' })
  locale!: 'da' | 'en';

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** The time of the purchase that set off the last alert (the till's clock, as the ledger's). */
  @Column({ name: 'last_alert_at', type: 'timestamptz', nullable: true })
  lastAlertAt!: Date | null;
}
