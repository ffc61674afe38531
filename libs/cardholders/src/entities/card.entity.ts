import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CardStatus = 'active' | 'blocked' | 'replaced';

/** A card number on an account; at most one card per account is not replaced. */
@Entity({ name: 'cards' })
export class CardEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'card_number', type: 'text' })
  cardNumber!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ type: 'text' })
  status!: CardStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When it was last blocked, unblocked or replaced. */
  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;
}
