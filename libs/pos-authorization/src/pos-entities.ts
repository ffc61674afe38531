import { PosPurchaseEntity } from './purchase-log/pos-purchase.entity';

/**
 * The POS lib's entities, for an app's DataSource: the purchase log. The hot path itself
 * reads and writes through pos.queries.ts; units and tills are @kk/tills'.
 */
export const POS_ENTITIES = [PosPurchaseEntity];
