import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A way into the portal: an email + password, or the person a MitID identity was linked to.
 * The app role may UPDATE only some columns (migrations 4 and 5), so repositories change
 * rows with explicit update()s of those, never save().
 */
@Entity({ name: 'logins' })
export class LoginEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** Argon2id (PasswordHasher); null for a MitID login. Read only where a password is checked. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  /** The person the login IS (MitID logins); email logins see their pupil through login_access. */
  @Column({ name: 'cardholder_id', type: 'uuid', nullable: true })
  cardholderId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Sessions stamped before this instant are void (millisecond precision). */
  @Column({ name: 'sessions_valid_after', type: 'timestamptz' })
  sessionsValidAfter!: Date;

  @Column({ name: 'failed_logins', type: 'integer' })
  failedLogins!: number;

  /** When the current streak of wrong passwords began. */
  @Column({ name: 'failed_since', type: 'timestamptz', nullable: true })
  failedSince!: Date | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** The TOTP secret, sealed with MFA_ENCRYPTION_KEY (TotpSecretBox). */
  @Column({ name: 'totp_secret', type: 'bytea', nullable: true, select: false })
  totpSecret!: Buffer | null;

  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt!: Date | null;

  /** The last accepted TOTP time step (bigint, so a string): no code is accepted twice. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;
}
