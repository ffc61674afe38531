import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@kk/tenant-transactions';
import { BalanceAlertSubscriptionEntity } from './entities/balance-alert-subscription.entity';

export interface AlertSetting {
  readonly accountId: string;
  readonly loginId: string;
  /** Øre; null turns the alert off. */
  readonly below: number | null;
  readonly email: string;
  readonly locale: 'da' | 'en';
}

/** One login's "Besked ved lav saldo" per account, in the active tenant transaction. */
@Injectable()
export class BalanceAlertSubscriptionsRepository extends TenantRepository<BalanceAlertSubscriptionEntity> {
  constructor() {
    super(BalanceAlertSubscriptionEntity);
  }

  async findOf(loginId: string, accountId: string): Promise<BalanceAlertSubscriptionEntity | undefined> {
    const found = await this.repo.findOne({ where: { tenantId: this.tenantId, loginId, accountId } });
    return found ?? undefined;
  }

  /** Creates or changes the login's row for the account; its last alert stays, so the 48 hours do too. */
  async put(setting: AlertSetting): Promise<void> {
    const existing = await this.findOf(setting.loginId, setting.accountId);
    if (existing) {
      await this.repo.update(
        { tenantId: this.tenantId, id: existing.id },
        { below: setting.below, email: setting.email, locale: setting.locale, updatedAt: new Date() },
      );
      return;
    }
    await this.repo.insert({ tenantId: this.tenantId, ...setting });
  }
}
