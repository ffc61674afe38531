export { BALANCE_ALERT_ENTITIES, BalanceAlertEntity, BalanceAlertSubscriptionEntity } from './entities';
export { ALERT_QUIET_HOURS, decideAlert, type AlertDecision, type AlertFacts } from './alert-rule';
export {
  ALERT_MAX_KRONER,
  ALERT_MIN_KRONER,
  checkAlertForm,
  type AlertFieldError,
  type AlertForm,
  type AlertFormCheck,
} from './alert-form';
export { BalanceAlertSettingsService, type AlertSave, type AlertSettingsView } from './balance-alert-settings.service';
export { LowBalanceAlerter, type AlertOutcome, type LowBalanceAlerterOptions } from './low-balance-alerter';
export { BalanceAlertSettingsModule, LowBalanceAlertsModule } from './balance-alerts.module';
