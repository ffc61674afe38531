import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AccessKind = 'self' | 'relation';

/** Which cardholders a login may see: the person itself (or a guardian's pupil), or a relation. */
@Entity({ name: 'login_access' })
export class LoginAccessEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'login_id', type: 'uuid' })
  loginId!: string;

  @PrimaryColumn({ name: 'cardholder_id', type: 'uuid' })
  cardholderId!: string;

  @Column({ type: 'text' })
  kind!: AccessKind;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
