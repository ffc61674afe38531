import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TenantRepository } from '@kk/tenant-transactions';
import { LoginEntity } from '../entities/login.entity';
import { bumpSessionsValidAfter, countFailedLogin } from '../identity.queries';

/** The login as the password check sees it; locked and disabled by the database's clock. */
export interface PasswordCheckRow {
  readonly id: string;
  readonly passwordHash: string | null;
  readonly sessionsValidAfter: Date;
  readonly locked: boolean;
  readonly disabled: boolean;
}

/** Both from the database: the login's sessions_valid_after, and its now() (see SessionStamp). */
export interface SessionStampRow {
  readonly validAfter: Date;
  readonly signedInAt: Date;
}

/**
 * Logins of the active tenant transaction's tenant: credentials, lock-out, session validity
 * and the logins that sign-up and MitID create. Only the columns the app role may UPDATE
 * are ever set, each with an explicit update.
 */
@Injectable()
export class LoginsRepository extends TenantRepository<LoginEntity> {
  constructor() {
    super(LoginEntity);
  }

  async forPasswordCheck(email: string): Promise<PasswordCheckRow | undefined> {
    const row = await this.repo
      .createQueryBuilder('l')
      .select(['l.id AS "id"', 'l.password_hash AS "passwordHash"', 'l.sessions_valid_after AS "sessionsValidAfter"'])
      .addSelect('coalesce(l.locked_until > now(), false)', 'locked')
      .addSelect('l.disabled_at IS NOT NULL', 'disabled')
      .where('l.tenant_id = :tenant AND l.email = :email', { tenant: this.tenantId, email })
      .getRawOne<PasswordCheckRow>();
    return row ?? undefined;
  }

  /**
   * The same row again, locked for the rest of the transaction: a password verified outside
   * the transaction counts only if nothing changed meanwhile (a reset, a lock, a disabling).
   */
  async forSignInAfterCheck(loginId: string): Promise<PasswordCheckRow | undefined> {
    const row = await this.repo
      .createQueryBuilder('l')
      .select(['l.id AS "id"', 'l.password_hash AS "passwordHash"', 'l.sessions_valid_after AS "sessionsValidAfter"'])
      .addSelect('coalesce(l.locked_until > now(), false)', 'locked')
      .addSelect('l.disabled_at IS NOT NULL', 'disabled')
      .where('l.tenant_id = :tenant AND l.id = :loginId', { tenant: this.tenantId, loginId })
      .setLock('pessimistic_write')
      .getRawOne<PasswordCheckRow>();
    return row ?? undefined;
  }

  /** One more wrong password in the streak; true when the login is now locked. */
  async countFailure(loginId: string, rule: { maxFailures: number; lockMinutes: number }): Promise<boolean> {
    return (await countFailedLogin(this.tx, loginId, rule)).locked;
  }

  /** A right password: the streak and any lock end; `rehash` replaces an outdated hash. */
  async clearFailures(loginId: string, rehash: string | null): Promise<void> {
    await this.repo.update(
      { tenantId: this.tenantId, id: loginId },
      { failedLogins: 0, failedSince: null, lockedUntil: null, ...(rehash === null ? {} : { passwordHash: rehash }) },
    );
  }

  /** A password reset: the new hash, and the lock-out lifted. */
  async setPassword(loginId: string, passwordHash: string): Promise<void> {
    await this.repo.update(
      { tenantId: this.tenantId, id: loginId },
      { passwordHash, failedLogins: 0, lockedUntil: null },
    );
  }

  async stamp(loginId: string): Promise<SessionStampRow | undefined> {
    const row = await this.repo
      .createQueryBuilder('l')
      .select('l.sessions_valid_after', 'validAfter')
      .addSelect("date_trunc('milliseconds', now())", 'signedInAt')
      .where('l.tenant_id = :tenant AND l.id = :loginId', { tenant: this.tenantId, loginId })
      .getRawOne<SessionStampRow>();
    return row ?? undefined;
  }

  /**
   * Not disabled, no "end all sessions" after `validAfter`, and (given `signedInAt`) the
   * database's clock within `maxHours` of it.
   */
  isSessionValid(loginId: string, validAfter: Date, signedIn?: { at: Date; maxHours: number }): Promise<boolean> {
    const query = this.repo
      .createQueryBuilder('l')
      .where('l.tenant_id = :tenant AND l.id = :loginId', { tenant: this.tenantId, loginId })
      .andWhere('l.disabled_at IS NULL AND l.sessions_valid_after <= :validAfter', { validAfter });
    if (signedIn) {
      query.andWhere('now() < CAST(:signedInAt AS timestamptz) + make_interval(hours => :maxHours)', {
        signedInAt: signedIn.at,
        maxHours: signedIn.maxHours,
      });
    }
    return query.getExists();
  }

  endAllSessions(loginId: string): Promise<Date | undefined> {
    return bumpSessionsValidAfter(this.tx, loginId);
  }

  /** A login that may reset its password: it has this email and is not disabled. */
  async enabledIdByEmail(email: string): Promise<string | undefined> {
    const row = await this.repo.findOne({
      select: { id: true },
      where: { tenantId: this.tenantId, email, disabledAt: IsNull() },
    });
    return row?.id;
  }

  hasEmail(email: string): Promise<boolean> {
    return this.repo.existsBy({ tenantId: this.tenantId, email });
  }

  /** A new email login's id; undefined when the email has one already (another sign-up finished first). */
  async createWithPassword(email: string, passwordHash: string): Promise<string | undefined> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, email, passwordHash })
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    return (result.raw as { id: string }[])[0]?.id;
  }

  /** The login that IS this person (MitID), made on their first MitID login. */
  async ensureForCardholder(cardholderId: string): Promise<string> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, cardholderId })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const row = await this.repo.findOneOrFail({
      select: { id: true },
      where: { tenantId: this.tenantId, cardholderId },
    });
    return row.id;
  }

  async emailOf(loginId: string): Promise<string | null | undefined> {
    const row = await this.repo.findOne({ select: { email: true }, where: { tenantId: this.tenantId, id: loginId } });
    return row ? row.email : undefined;
  }
}
