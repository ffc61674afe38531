import { BalanceAlertSubscriptionEntity } from './balance-alert-subscription.entity';
import { BalanceAlertEntity } from './balance-alert.entity';

export { BalanceAlertEntity, BalanceAlertSubscriptionEntity };

/** The balance-alerts lib's entities, for an app's DataSource. */
export const BALANCE_ALERT_ENTITIES = [BalanceAlertSubscriptionEntity, BalanceAlertEntity];
