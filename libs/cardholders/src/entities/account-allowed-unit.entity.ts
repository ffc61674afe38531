import { Entity, PrimaryColumn } from 'typeorm';

/** Device restriction: an account with `unitsRestricted` may pay only at tills in these units. */
@Entity({ name: 'account_allowed_units' })
export class AccountAllowedUnitEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;
}
