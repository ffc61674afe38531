import { PosPurchaseEntity } from './purchase-log/pos-purchase.entity';
import { TillEntity, UnitEntity } from './tills/till.entities';

/** The POS lib's entities, for an app's DataSource: units, tills and the purchase log. */
export const POS_ENTITIES = [UnitEntity, TillEntity, PosPurchaseEntity];
