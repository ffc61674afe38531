import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A person the card issuer knows: a pupil, an employee, a citizen. The CPR only as ciphertext and blind index. */
@Entity({ name: 'cardholders' })
export class CardholderEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'cpr_encrypted', type: 'bytea', select: false })
  cprEncrypted!: Buffer;

  /** HMAC of the CPR (CprCipher.blindIndex): how a person is found by CPR. */
  @Column({ name: 'cpr_hmac', type: 'bytea' })
  cprHmac!: Buffer;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
