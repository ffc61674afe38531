import { Module } from '@nestjs/common';
import { BalanceAlertSettingsModule } from '@kk/balance-alerts';
import { BalanceAlertsController } from './balance-alerts.controller';

/** "Besked ved lav saldo", linked from Mine konti for every account. */
@Module({ imports: [BalanceAlertSettingsModule], controllers: [BalanceAlertsController] })
export class BalanceAlertsModule {}
