import { Column, Entity, PrimaryColumn } from 'typeorm';

/** (issuer, sub) of an OIDC broker, linked to a login; verified when the broker vouched for the CPR. */
@Entity({ name: 'login_identities' })
export class LoginIdentityEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  issuer!: string;

  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @Column({ name: 'login_id', type: 'uuid' })
  loginId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'cpr_verified_at', type: 'timestamptz', nullable: true })
  cprVerifiedAt!: Date | null;
}
