import { TillEntity, UnitEntity } from './till.entities';

export { TillsService, type CreateUnitResult, type CreateTillResult } from './tills.service';
export { TillsModule } from './tills.module';
export { UnitEntity, TillEntity };

/** Units (enheder) and their tills, for an app's DataSource. */
export const TILL_ENTITIES = [UnitEntity, TillEntity];
