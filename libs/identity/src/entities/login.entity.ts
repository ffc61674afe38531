import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A way into the portal: an email + password, or the person a MitID identity was linked to. */
@Entity({ name: 'logins' })
export class LoginEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** The person the login IS (MitID logins); email logins see their pupil through login_access. */
  @Column({ name: 'cardholder_id', type: 'uuid', nullable: true })
  cardholderId!: string | null;

  @Column({ name: 'sessions_valid_after', type: 'timestamptz' })
  sessionsValidAfter!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
