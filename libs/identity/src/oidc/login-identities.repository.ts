import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { LoginIdentityEntity } from '../entities/login-identity.entity';

/** The login an OIDC identity reaches, as the MitID sign-in decides on it. */
export interface IdentityLoginRow {
  readonly loginId: string;
  readonly sessionsValidAfter: Date;
  readonly disabled: boolean;
  /** The broker vouched for the CPR the link was made on. */
  readonly verified: boolean;
}

/** OIDC identities (issuer, sub) of the active tenant transaction's tenant. Re-pointed, never deleted. */
@Injectable()
export class LoginIdentitiesRepository extends TenantRepository<LoginIdentityEntity> {
  constructor() {
    super(LoginIdentityEntity);
  }

  async loginOf(issuer: string, subject: string): Promise<IdentityLoginRow | undefined> {
    const row = await this.repo
      .createQueryBuilder('i')
      .select(['l.id AS "loginId"', 'l.sessions_valid_after AS "sessionsValidAfter"'])
      .addSelect('l.disabled_at IS NOT NULL', 'disabled')
      .addSelect('i.cpr_verified_at IS NOT NULL', 'verified')
      .innerJoin('logins', 'l', 'l.tenant_id = i.tenant_id AND l.id = i.login_id')
      .where('i.tenant_id = :tenant AND i.issuer = :issuer AND i.subject = :subject', {
        tenant: this.tenantId,
        issuer,
        subject,
      })
      .getRawOne<IdentityLoginRow>();
    return row ?? undefined;
  }

  /** Links (or re-points) the identity to the login, verified now: the broker vouched for the CPR. */
  async linkVerified(issuer: string, subject: string, loginId: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, issuer, subject, loginId, cprVerifiedAt: () => 'now()' })
      .orUpdate(['login_id', 'cpr_verified_at'], ['tenant_id', 'issuer', 'subject'])
      .updateEntity(false)
      .execute();
  }
}
