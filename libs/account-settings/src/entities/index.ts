import { AccountAuditEventEntity } from './account-audit-event.entity';
import { AccountPhotoEntity } from './account-photo.entity';

export { AccountAuditEventEntity, AccountPhotoEntity };

/** The account-settings lib's entities, for the app's DataSource. */
export const ACCOUNT_SETTINGS_ENTITIES = [AccountPhotoEntity, AccountAuditEventEntity];
