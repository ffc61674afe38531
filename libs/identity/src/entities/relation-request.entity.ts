import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type RelationRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

/** "Tilføj konto" with a wrong or missing card number: waits for the person's approval. */
@Entity({ name: 'relation_requests' })
export class RelationRequestEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'requester_login_id', type: 'uuid' })
  requesterLoginId!: string;

  /** Null for a CPR nobody holds: such a request can never be approved. */
  @Column({ name: 'cardholder_id', type: 'uuid', nullable: true })
  cardholderId!: string | null;

  @Column({ name: 'cpr_hmac', type: 'bytea' })
  cprHmac!: Buffer;

  @Column({ name: 'cpr_masked', type: 'text' })
  cprMasked!: string;

  @Column({ type: 'text' })
  status!: RelationRequestStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by_login_id', type: 'uuid', nullable: true })
  decidedByLoginId!: string | null;
}
