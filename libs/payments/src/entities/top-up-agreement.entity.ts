import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '@kk/database';

/**
 * `awaiting_card`: the parent is on the provider's page storing the card; `active`: the
 * one agreement of the account; `cancelled` ("Annuller Automatisk optankning"),
 * `replaced` (a new agreement took over) and `abandoned` (the card was never stored) are final.
 */
export type TopUpAgreementStatus = 'awaiting_card' | 'active' | 'cancelled' | 'replaced' | 'abandoned';

/** "Automatisk Optankning": top up `amount` from a stored card when a purchase leaves the balance low. */
@Entity({ name: 'top_up_agreements' })
export class TopUpAgreementEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'login_id', type: 'uuid' })
  loginId!: string;

  /** Øre, whole kroner. */
  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  amount!: number;

  @Column({ type: 'text' })
  status!: TopUpAgreementStatus;

  /** The provider's token for the card on file (Nexi's unscheduledSubscriptionId). */
  @Column({ name: 'stored_card_id', type: 'text', nullable: true })
  storedCardId!: string | null;

  @Column({ name: 'card_masked_pan', type: 'text', nullable: true })
  cardMaskedPan!: string | null;

  /** MMYY. */
  @Column({ name: 'card_expiry', type: 'text', nullable: true })
  cardExpiry!: string | null;

  @Column({ name: 'card_brand', type: 'text', nullable: true })
  cardBrand!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
