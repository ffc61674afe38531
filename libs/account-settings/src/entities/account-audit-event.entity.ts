import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction, AuditValues } from '../rules/audit';

/**
 * One change on Brugeroplysninger: who (the login), from where (the client's address, as
 * TRUST_PROXY lets the portal see it), when, what, and the values before and after. Written
 * in the change's own transaction; the app role may only add rows. For the tenant admin.
 */
@Entity({ name: 'account_audit_events' })
export class AccountAuditEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'login_id', type: 'uuid' })
  loginId!: string;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'text' })
  action!: AuditAction;

  @Column({ type: 'jsonb' })
  before!: AuditValues;

  @Column({ type: 'jsonb' })
  after!: AuditValues;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
