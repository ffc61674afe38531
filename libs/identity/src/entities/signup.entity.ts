import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type SignupStep = 'details' | 'activation' | 'password' | 'completed';

/**
 * An email sign-up under way (seed 000, steps 1-7). cardholder_id stays null for an unknown
 * CPR, and the flow then fails at the card number exactly as for a wrong one. Codes and
 * tokens only as SHA-256 hashes.
 */
@Entity({ name: 'signups' })
export class SignupEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'cardholder_id', type: 'uuid', nullable: true })
  cardholderId!: string | null;

  @Column({ type: 'text' })
  step!: SignupStep;

  @Column({ name: 'activation_code_hash', type: 'bytea', nullable: true })
  activationCodeHash!: Buffer | null;

  @Column({ name: 'resume_token_hash', type: 'bytea', nullable: true })
  resumeTokenHash!: Buffer | null;

  @Column({ name: 'card_attempts', type: 'integer' })
  cardAttempts!: number;

  @Column({ name: 'code_attempts', type: 'integer' })
  codeAttempts!: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'login_id', type: 'uuid', nullable: true })
  loginId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
