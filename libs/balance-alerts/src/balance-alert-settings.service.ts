import { Injectable } from '@nestjs/common';
import { LoginsRepository, MyAccountsService, type LoginCaller } from '@kk/identity';
import type { Locale } from '@kk/texts';
import { TenantTransactions } from '@kk/tenant-transactions';
import { checkAlertForm, type AlertFieldError, type AlertForm } from './alert-form';
import { BalanceAlertSubscriptionsRepository } from './balance-alert-subscriptions.repository';
import { accountSummary, lockAccountForAlerts, refreshAccountAlertAmount } from './balance-alerts.queries';

/** The page's facts: whose account, its balance, and this login's alert (on, off or never set). */
export interface AlertSettingsView {
  readonly holderName: string;
  /** Øre. */
  readonly balance: number;
  /** Øre; null: off (or never set). */
  readonly below: number | null;
  /** The alert's address, else the login's own (a MitID login may have none). */
  readonly email: string;
  /** The purchase time of the last alert sent to this login. */
  readonly lastAlertAt: Date | null;
}

export type AlertSave =
  | { readonly kind: 'saved' }
  | { readonly kind: 'invalid'; readonly errors: readonly AlertFieldError[] }
  | { readonly kind: 'noSuchAccount' };

/**
 * "Besked ved lav saldo": a login's own alert per account it may see. Every change also sets
 * the amount the till compares with (accounts.low_balance_alert_below, the highest of the
 * account's alerts), in the same transaction with the account locked.
 */
@Injectable()
export class BalanceAlertSettingsService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly access: MyAccountsService,
    private readonly subscriptions: BalanceAlertSubscriptionsRepository,
    private readonly logins: LoginsRepository,
  ) {}

  async view(caller: LoginCaller, accountId: string): Promise<AlertSettingsView | undefined> {
    if (!(await this.access.canAccessAccount(caller, accountId))) return undefined;
    return this.transactions.run(caller.tenantId, async () => {
      const account = await accountSummary(this.transactions.current(), accountId);
      if (!account) return undefined;
      const mine = await this.subscriptions.findOf(caller.loginId, accountId);
      const email = mine?.email ?? (await this.logins.emailOf(caller.loginId)) ?? '';
      return {
        holderName: account.holderName,
        balance: account.balance,
        below: mine?.below ?? null,
        email,
        lastAlertAt: mine?.lastAlertAt ?? null,
      };
    });
  }

  async save(caller: LoginCaller, accountId: string, form: AlertForm, locale: Locale): Promise<AlertSave> {
    if (!(await this.access.canAccessAccount(caller, accountId))) return { kind: 'noSuchAccount' };
    const checked = checkAlertForm(form);
    if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
    const saved = await this.change(caller, accountId, { below: checked.below, email: checked.email, locale });
    return saved ? { kind: 'saved' } : { kind: 'noSuchAccount' };
  }

  /** "Slå beskeden fra": the row stays (its last alert too); false when the account is not the login's to see. */
  async turnOff(caller: LoginCaller, accountId: string): Promise<boolean> {
    if (!(await this.access.canAccessAccount(caller, accountId))) return false;
    return this.transactions.run(caller.tenantId, async () => {
      const mine = await this.subscriptions.findOf(caller.loginId, accountId);
      if (!mine) return true;
      return this.change(caller, accountId, { below: null, email: mine.email, locale: mine.locale });
    });
  }

  private change(
    caller: LoginCaller,
    accountId: string,
    setting: { readonly below: number | null; readonly email: string; readonly locale: Locale },
  ): Promise<boolean> {
    return this.transactions.run(caller.tenantId, async () => {
      const tx = this.transactions.current();
      if (!(await lockAccountForAlerts(tx, accountId))) return false;
      await this.subscriptions.put({ accountId, loginId: caller.loginId, ...setting });
      await refreshAccountAlertAmount(tx, accountId);
      return true;
    });
  }
}
