import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A tenant admin (school secretary, municipal finance): invited by a one-time set-password link. */
@Entity({ name: 'admins' })
export class AdminEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ name: 'set_password_token_hash', type: 'bytea', nullable: true, select: false })
  setPasswordTokenHash!: Buffer | null;

  @Column({ name: 'set_password_expires_at', type: 'timestamptz', nullable: true })
  setPasswordExpiresAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
