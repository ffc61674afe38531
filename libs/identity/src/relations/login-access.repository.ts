import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { LoginAccessEntity, type AccessKind } from '../entities/login-access.entity';
import { myAccountRows, type MyAccountRow } from '../identity.queries';

/** Which cardholders a login may see (and so which accounts), in the active tenant transaction. */
@Injectable()
export class LoginAccessRepository extends TenantRepository<LoginAccessEntity> {
  constructor() {
    super(LoginAccessEntity);
  }

  /** Idempotent: an existing grant (of either kind) is kept as it is. */
  async grant(loginId: string, cardholderId: string, kind: AccessKind): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, loginId, cardholderId, kind })
      .orIgnore()
      .execute();
  }

  async kindOf(loginId: string, cardholderId: string): Promise<AccessKind | undefined> {
    const row = await this.repo.findOne({
      select: { kind: true },
      where: { tenantId: this.tenantId, loginId, cardholderId },
    });
    return row?.kind;
  }

  /** Whether the login sees the account's holder (either kind): may it see, and act on, the account? */
  canAccessAccount(loginId: string, accountId: string): Promise<boolean> {
    return this.repo
      .createQueryBuilder('la')
      .innerJoin('accounts', 'a', 'a.tenant_id = la.tenant_id AND a.cardholder_id = la.cardholder_id')
      .where('la.tenant_id = :tenant AND la.login_id = :loginId', { tenant: this.tenantId, loginId })
      .andWhere('a.id = :accountId', { accountId })
      .getExists();
  }

  /** "Mine konti"'s rows: the people this login sees, each account with its card and balance. */
  myAccountRows(loginId: string): Promise<MyAccountRow[]> {
    return myAccountRows(this.tx, loginId);
  }
}
