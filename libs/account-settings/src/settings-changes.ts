import { Injectable } from '@nestjs/common';
import { isUuid } from '@kk/database';
import { LoginAccessRepository, MyAccountsService } from '@kk/identity';
import { TenantTransactions } from '@kk/tenant-transactions';
import { lockAccount } from './account-settings.queries';
import { AccountAuditRepository } from './account-settings.repositories';
import type { LockedAccount, SettingsCaller } from './account-settings.types';
import type { AuditEntry } from './rules/audit';

/** Returned by `within` for every "not there": the portal answers 404. */
export const NOT_FOUND = { kind: 'notFound' } as const;

/**
 * The one way a setting changes: in one tenant transaction, the login's access to the
 * account checked inside it, the account row locked, the change made, and its audit row
 * written, all committed together or not at all.
 */
@Injectable()
export class SettingsChanges {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly access: LoginAccessRepository,
    private readonly myAccounts: MyAccountsService,
    private readonly audit: AccountAuditRepository,
  ) {}

  /** May this login see the account? (Outside a change: before spending a lookup on it.) */
  canAccess(caller: SettingsCaller, accountId: string): Promise<boolean> {
    return this.myAccounts.canAccessAccount(caller, accountId);
  }

  within<T>(
    caller: SettingsCaller,
    accountId: string,
    work: (account: LockedAccount) => Promise<T>,
  ): Promise<T | typeof NOT_FOUND> {
    if (!isUuid(accountId) || !isUuid(caller.loginId)) return Promise.resolve(NOT_FOUND);
    return this.transactions.run(caller.tenantId, async () => {
      if (!(await this.access.canAccessAccount(caller.loginId, accountId))) return NOT_FOUND;
      const account = await lockAccount(this.transactions.current(), accountId);
      return account ? work(account) : NOT_FOUND;
    });
  }

  /** The change's audit row, in the change's transaction. */
  async record(caller: SettingsCaller, accountId: string, entry: AuditEntry): Promise<void> {
    await this.audit.record(accountId, { loginId: caller.loginId, ip: caller.ip }, entry);
  }
}

export const SAVED = { kind: 'saved' } as const;
export const UNCHANGED = { kind: 'unchanged' } as const;

export function invalid<E>(...errors: readonly E[]): { readonly kind: 'invalid'; readonly errors: readonly E[] } {
  return { kind: 'invalid', errors };
}
