import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '@kk/database';

/** An alert sent: one per low-balance outbox row and subscription, so a redelivered job sends nothing. */
@Entity({ name: 'balance_alerts' })
export class BalanceAlertEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** The `wallet.low_balance` event it answered. */
  @PrimaryColumn({ name: 'outbox_id', type: 'uuid' })
  outboxId!: string;

  @PrimaryColumn({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'purchase_id', type: 'uuid' })
  purchaseId!: string;

  @Column({ name: 'purchased_at', type: 'timestamptz' })
  purchasedAt!: Date;

  /** Øre after the purchase. */
  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  balance!: number;

  /** Øre, the subscription's amount when it was sent. */
  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  below!: number;

  /** The e-mail's own outbox row (topic email.send). */
  @Column({ name: 'email_outbox_id', type: 'uuid' })
  emailOutboxId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
