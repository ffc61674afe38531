import { Injectable } from '@nestjs/common';
import { isUuid } from '@kk/database';
import { MyAccountsService, type LoginCaller } from '@kk/identity';
import type { TenantConfig } from '@kk/tenancy';
import { TenantTransactions } from '@kk/tenant-transactions';
import { settingsFacts, unitsOf } from './account-settings.queries';
import { AccountPhotosRepository } from './account-settings.repositories';
import type { AccountSettingsView, StoredPhoto } from './account-settings.types';

/**
 * What Brugeroplysninger shows of an account, and its photo: only for a login that may see
 * the account; any other id (another's, a guess, no uuid at all) is simply not there.
 */
@Injectable()
export class AccountSettingsService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly access: MyAccountsService,
    private readonly photos: AccountPhotosRepository,
  ) {}

  async view(caller: LoginCaller, tenant: TenantConfig, accountId: string): Promise<AccountSettingsView | undefined> {
    // The access check joins the read's transaction: one round of BEGIN … COMMIT, not two.
    return this.transactions.run(caller.tenantId, async () => {
      if (!(await this.access.canAccessAccount(caller, accountId))) return undefined;
      const tx = this.transactions.current();
      const facts = await settingsFacts(tx, accountId);
      if (!facts) return undefined;
      const units = tenant.features.deviceRestrictions ? await unitsOf(tx, accountId) : { units: [], allowed: [] };
      return { ...facts, accountId, units: units.units, allowedUnits: units.allowed };
    });
  }

  async photo(caller: LoginCaller, tenant: TenantConfig, accountId: string): Promise<StoredPhoto | undefined> {
    if (!tenant.features.photo || !isUuid(accountId)) return undefined;
    if (!(await this.access.canAccessAccount(caller, accountId))) return undefined;
    return this.transactions.run(caller.tenantId, () => this.photos.find(accountId));
  }
}
