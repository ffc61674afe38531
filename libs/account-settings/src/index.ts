export { AccountSettingsModule } from './account-settings.module';
export { AccountSettingsService } from './account-settings.service';
export { CardSettingsService } from './card-settings.service';
export { SpendingSettingsService } from './spending-settings.service';
export { ProfileSettingsService } from './profile-settings.service';
export { preparePhoto, type PhotoCheck, type PreparedPhoto } from './photo-processing';
export type {
  AccountSettingsFacts,
  AccountSettingsView,
  AttemptBudget,
  BlockFieldError,
  CurrentCard,
  SettingsCaller,
  SettingsFieldError,
  SettingsOutcome,
  StoredPhoto,
} from './account-settings.types';
export {
  checkSpendingLimits,
  limitAsTyped,
  LIMIT_PERIODS,
  MAX_LIMIT_KRONER,
  type LimitFieldError,
  type LimitPeriod,
  type SpendingLimits,
  type SpendingLimitsCheck,
  type SpendingLimitsForm,
} from './rules/spending-limits';
export {
  checkAllowedUnits,
  tickedUnits,
  type UnitChoice,
  type UnitRestriction,
  type UnitsCheck,
  type UnitsFieldError,
} from './rules/allowed-units';
export {
  checkContactDetails,
  MAX_CITY_LENGTH,
  MAX_STREET_LENGTH,
  type ContactCheck,
  type ContactDetails,
  type ContactField,
  type ContactFieldError,
  type ContactForm,
} from './rules/contact-details';
export { checkNewCardNumber, type CardNumberFieldError, type NewCardNumberCheck } from './rules/card-number-change';
export {
  MAX_PHOTO_PIXELS,
  MAX_PHOTO_UPLOAD_BYTES,
  sniffImage,
  STORED_PHOTO_SIZE,
  type PhotoFieldError,
  type SniffedImage,
} from './rules/photo-upload';
export { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditValue, type AuditValues } from './rules/audit';
export { ACCOUNT_SETTINGS_ENTITIES, AccountAuditEventEntity, AccountPhotoEntity } from './entities';
