import { Injectable } from '@nestjs/common';
import { AccountAllowedUnitEntity, AccountEntity, CardEntity } from '@kk/cardholders';
import { TenantRepository } from '@kk/tenant-transactions';
import type { StoredPhoto } from './account-settings.types';
import { AccountAuditEventEntity } from './entities/account-audit-event.entity';
import { AccountPhotoEntity } from './entities/account-photo.entity';
import type { PreparedPhoto } from './photo-processing';
import type { UnitRestriction } from './rules/allowed-units';
import type { AuditEntry } from './rules/audit';
import type { ContactDetails } from './rules/contact-details';
import type { SpendingLimits } from './rules/spending-limits';

/**
 * The writes of Brugeroplysninger, each in the active tenant transaction. The accounts, cards
 * and allowed units are the cardholders lib's tables (its entities); what this lib changes
 * of them is only what a parent may change.
 */

@Injectable()
export class SettingsAccountsRepository extends TenantRepository<AccountEntity> {
  constructor() {
    super(AccountEntity);
  }

  async setLimits(accountId: string, limits: SpendingLimits): Promise<void> {
    await this.repo.update(
      { tenantId: this.tenantId, id: accountId },
      { dailyLimit: limits.daily, weeklyLimit: limits.weekly, monthlyLimit: limits.monthly },
    );
  }

  async setUnitsRestricted(accountId: string, restricted: boolean): Promise<void> {
    await this.repo.update({ tenantId: this.tenantId, id: accountId }, { unitsRestricted: restricted });
  }

  async setContact(accountId: string, contact: ContactDetails): Promise<void> {
    await this.repo.update(
      { tenantId: this.tenantId, id: accountId },
      {
        contactEmail: contact.email,
        addressStreet: contact.street,
        addressPostalCode: contact.postalCode,
        addressCity: contact.city,
      },
    );
  }
}

@Injectable()
export class SettingsCardsRepository extends TenantRepository<CardEntity> {
  constructor() {
    super(CardEntity);
  }

  async setStatus(cardNumber: string, status: 'active' | 'blocked'): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ status, statusChangedAt: () => 'now()' })
      // A replaced card stays replaced, whatever a caller believed it was.
      .where("tenant_id = :tenant AND card_number = :cardNumber AND status <> 'replaced'", {
        tenant: this.tenantId,
        cardNumber,
      })
      .execute();
  }

  /** Whether the tenant knows the number on any card, of any account and state. */
  isKnown(cardNumber: string): Promise<boolean> {
    return this.repo.exists({ where: { tenantId: this.tenantId, cardNumber } });
  }

  /** The account's usable card becomes 'replaced': the till declines it card_replaced from now on. */
  async retireUsable(accountId: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'replaced', statusChangedAt: () => 'now()' })
      .where("tenant_id = :tenant AND account_id = :accountId AND status <> 'replaced'", {
        tenant: this.tenantId,
        accountId,
      })
      .execute();
  }

  /** False when the number was taken meanwhile (by another account's change in flight). */
  async insertActive(accountId: string, cardNumber: string): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, cardNumber, accountId, status: 'active' })
      .orIgnore()
      .returning('card_number')
      .execute();
    return (result.raw as unknown[]).length === 1;
  }
}

@Injectable()
export class SettingsAllowedUnitsRepository extends TenantRepository<AccountAllowedUnitEntity> {
  constructor() {
    super(AccountAllowedUnitEntity);
  }

  /** The account's allowed units become exactly these (none where it may pay everywhere). */
  async replace(accountId: string, restriction: UnitRestriction): Promise<void> {
    await this.repo.delete({ tenantId: this.tenantId, accountId });
    if (!restriction.restricted || restriction.allowed.length === 0) return;
    await this.repo.insert(restriction.allowed.map((unitId) => ({ tenantId: this.tenantId, accountId, unitId })));
  }
}

@Injectable()
export class AccountPhotosRepository extends TenantRepository<AccountPhotoEntity> {
  constructor() {
    super(AccountPhotoEntity);
  }

  /** The stored photo's hash, or undefined when the account has none. */
  async versionOf(accountId: string): Promise<string | undefined> {
    const found = await this.repo.findOne({ select: { sha256: true }, where: { tenantId: this.tenantId, accountId } });
    return found ? found.sha256.toString('hex').slice(0, 16) : undefined;
  }

  async put(accountId: string, loginId: string, photo: PreparedPhoto): Promise<void> {
    const row = {
      contentType: photo.contentType,
      data: photo.data,
      width: photo.width,
      height: photo.height,
      sha256: photo.sha256,
      uploadedByLoginId: loginId,
    };
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({ tenantId: this.tenantId, accountId, ...row })
      .orUpdate(
        ['content_type', 'data', 'width', 'height', 'sha256', 'uploaded_by_login_id', 'updated_at'],
        ['tenant_id', 'account_id'],
      )
      .execute();
  }

  /** True when there was one to remove. */
  async remove(accountId: string): Promise<boolean> {
    const result = await this.repo.delete({ tenantId: this.tenantId, accountId });
    return (result.affected ?? 0) > 0;
  }

  async find(accountId: string): Promise<StoredPhoto | undefined> {
    const found = await this.repo
      .createQueryBuilder('photo')
      .select(['photo.contentType', 'photo.sha256'])
      .addSelect('photo.data')
      .where('photo.tenant_id = :tenant AND photo.account_id = :accountId', { tenant: this.tenantId, accountId })
      .getOne();
    if (!found) return undefined;
    return { data: found.data, contentType: found.contentType, version: found.sha256.toString('hex').slice(0, 16) };
  }
}

@Injectable()
export class AccountAuditRepository extends TenantRepository<AccountAuditEventEntity> {
  constructor() {
    super(AccountAuditEventEntity);
  }

  async record(accountId: string, who: { loginId: string; ip: string | undefined }, entry: AuditEntry): Promise<void> {
    await this.repo.insert({
      tenantId: this.tenantId,
      accountId,
      loginId: who.loginId,
      ip: who.ip ? who.ip.slice(0, 100) : null,
      action: entry.action,
      before: entry.before,
      after: entry.after,
    });
  }
}
