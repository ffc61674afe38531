import { AccountAllowedUnitEntity } from './account-allowed-unit.entity';
import { AccountEntity } from './account.entity';
import { CardEntity } from './card.entity';
import { CardholderEntity } from './cardholder.entity';

export { AccountAllowedUnitEntity, AccountEntity, CardEntity, CardholderEntity };
export type { CardStatus } from './card.entity';

/** The cardholders lib's entities, for the app's DataSource. */
export const CARDHOLDER_ENTITIES = [CardholderEntity, AccountEntity, AccountAllowedUnitEntity, CardEntity];
