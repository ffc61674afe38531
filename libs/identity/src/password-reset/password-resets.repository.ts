import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { PasswordResetEntity } from '../entities/password-reset.entity';
import { minutesFromNow } from '../identity.queries';

/** A live reset token's row, with where to send the "password changed" notice. */
export interface LiveReset {
  readonly id: string;
  readonly loginId: string;
  readonly email: string | null;
}

/** Password reset tokens of the active tenant transaction's tenant. Expired, never deleted. */
@Injectable()
export class PasswordResetsRepository extends TenantRepository<PasswordResetEntity> {
  constructor() {
    super(PasswordResetEntity);
  }

  async create(loginId: string, tokenHash: Buffer, minutes: number): Promise<Date> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, loginId, tokenHash, expiresAt: minutesFromNow(minutes) })
      .returning('expires_at AS "expiresAt"')
      .updateEntity(false)
      .execute();
    return (result.raw as { expiresAt: Date }[])[0].expiresAt;
  }

  /** Unused, unexpired, of a login that is not disabled; `lock` takes the token's row FOR UPDATE. */
  async findLive(tokenHash: Buffer, lock: boolean): Promise<LiveReset | undefined> {
    const query = this.repo
      .createQueryBuilder('r')
      .select(['r.id AS "id"', 'r.login_id AS "loginId"', 'l.email AS "email"'])
      .innerJoin('logins', 'l', 'l.tenant_id = r.tenant_id AND l.id = r.login_id')
      .where('r.tenant_id = :tenant AND r.token_hash = :tokenHash', { tenant: this.tenantId, tokenHash })
      .andWhere('r.used_at IS NULL AND r.expires_at > now() AND l.disabled_at IS NULL');
    if (lock) query.setLock('pessimistic_write', undefined, ['r']);
    return (await query.getRawOne<LiveReset>()) ?? undefined;
  }

  async markUsed(resetId: string): Promise<void> {
    await this.repo.update({ tenantId: this.tenantId, id: resetId }, { usedAt: () => 'now()' });
  }

  /** The newest request is the only live one; expiring rather than deleting keeps the history. */
  async expireUnused(loginId: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ expiresAt: () => 'now()' })
      .where('tenant_id = :tenant AND login_id = :loginId', { tenant: this.tenantId, loginId })
      .andWhere('used_at IS NULL AND expires_at > now()')
      .execute();
  }
}
