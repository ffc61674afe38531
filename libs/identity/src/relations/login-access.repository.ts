import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/database';
import { LoginAccessEntity, type AccessKind } from '../entities/login-access.entity';

/** Which cardholders a login may see, in the active tenant transaction. */
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
}
