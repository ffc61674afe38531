import { Module, type DynamicModule } from '@nestjs/common';
import { LoginsRepository } from '@kk/identity';
import { BalanceAlertSettingsService } from './balance-alert-settings.service';
import { BalanceAlertSubscriptionsRepository } from './balance-alert-subscriptions.repository';
import { LOW_BALANCE_ALERTER_OPTIONS, LowBalanceAlerter, type LowBalanceAlerterOptions } from './low-balance-alerter';

/**
 * The portal's side of "Besked ved lav saldo": the settings form's service. Needs
 * TenantDatabaseModule and IdentityModule (both global).
 */
@Module({
  providers: [BalanceAlertSettingsService, BalanceAlertSubscriptionsRepository, LoginsRepository],
  exports: [BalanceAlertSettingsService],
})
export class BalanceAlertSettingsModule {}

/**
 * The worker's side: the alert effect of a low-balance event. Needs TenantDatabaseModule,
 * CardholdersModule and TenancyModule (all global); global itself, so the `balance-events`
 * consumer injects the alerter.
 */
@Module({})
export class LowBalanceAlertsModule {
  static register(options: LowBalanceAlerterOptions): DynamicModule {
    return {
      module: LowBalanceAlertsModule,
      global: true,
      providers: [{ provide: LOW_BALANCE_ALERTER_OPTIONS, useValue: options }, LowBalanceAlerter],
      exports: [LowBalanceAlerter],
    };
  }
}
