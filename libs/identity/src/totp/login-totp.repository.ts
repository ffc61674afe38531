import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { LoginEntity } from '../entities/login.entity';

/** A login's TOTP columns: the sealed secret, when it was put in force, the last accepted step. */
export interface TotpColumns {
  readonly totpSecret: Buffer | null;
  readonly totpEnabledAt: Date | null;
  /** bigint, as the driver returns it. */
  readonly totpLastStep: string | null;
}

/** The second factor's columns of the logins of the active tenant transaction's tenant. */
@Injectable()
export class LoginTotpRepository extends TenantRepository<LoginEntity> {
  constructor() {
    super(LoginEntity);
  }

  /** `lock`: FOR UPDATE, so a code raced in by two requests is checked (and used) once. */
  async of(loginId: string, lock: boolean): Promise<TotpColumns | undefined> {
    const query = this.repo
      .createQueryBuilder('l')
      .select([
        'l.totp_secret AS "totpSecret"',
        'l.totp_enabled_at AS "totpEnabledAt"',
        'l.totp_last_step AS "totpLastStep"',
      ])
      .where('l.tenant_id = :tenant AND l.id = :loginId', { tenant: this.tenantId, loginId });
    if (lock) query.setLock('pessimistic_write');
    return (await query.getRawOne<TotpColumns>()) ?? undefined;
  }

  /** A fresh secret, not yet in force. */
  async setSecret(loginId: string, sealed: Buffer): Promise<void> {
    await this.repo.update({ tenantId: this.tenantId, id: loginId }, { totpSecret: sealed, totpLastStep: null });
  }

  async enable(loginId: string): Promise<void> {
    await this.repo.update({ tenantId: this.tenantId, id: loginId }, { totpEnabledAt: () => 'now()' });
  }

  async useStep(loginId: string, step: number): Promise<void> {
    await this.repo.update({ tenantId: this.tenantId, id: loginId }, { totpLastStep: String(step) });
  }

  async clear(loginId: string): Promise<void> {
    await this.repo.update(
      { tenantId: this.tenantId, id: loginId },
      { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    );
  }
}
