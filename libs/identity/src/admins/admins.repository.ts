import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { AdminEntity } from './admin.entity';

@Injectable()
export class AdminsRepository extends TenantRepository<AdminEntity> {
  constructor() {
    super(AdminEntity);
  }

  /** Whether the admin exists and has chosen a password; the row is locked for the invitation. */
  async lockByEmail(email: string): Promise<{ id: string; hasPassword: boolean } | undefined> {
    const row = await this.repo
      .createQueryBuilder('admin')
      .select(['admin.id AS id', 'admin.password_hash IS NOT NULL AS "hasPassword"'])
      .where('admin.tenant_id = :tenant AND admin.email = :email', { tenant: this.tenantId, email })
      .setLock('pessimistic_write')
      .getRawOne<{ id: string; hasPassword: boolean }>();
    return row ?? undefined;
  }

  /** A new admin, or a fresh link for one who has not chosen a password yet (the old link stops working). */
  async invite(email: string, tokenHash: Buffer, validDays: number): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({
        tenantId: this.tenantId,
        email,
        setPasswordTokenHash: tokenHash,
        setPasswordExpiresAt: () => `now() + make_interval(days => ${Number(validDays)})`,
      })
      .orUpdate(['set_password_token_hash', 'set_password_expires_at'], ['tenant_id', 'email'])
      .execute();
  }
}
