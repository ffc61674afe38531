import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's row, kept in step with tenants/<slug>/tenant.yaml by syncTenants. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  /** The tenant's slug. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
