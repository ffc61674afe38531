export { normalizeCpr, validateCpr, maskCpr, cprBirthDate, CPR_MESSAGES, type CprValidation } from './cpr';
export { CprCipher, CprCipherError, type CprCipherOptions } from './cpr-cipher';
export {
  normalizeCardNumber,
  validateCardNumber,
  CARD_NUMBER_MESSAGES,
  type CardNumberRule,
  type CardNumberValidation,
} from './card-number';
export {
  createCardholderWithAccount,
  createCardholdersWithAccounts,
  type NewCardholder,
  type CreatedCardholder,
} from './create-cardholder';
export {
  parseCardholderCsv,
  REQUIRED_COLUMNS,
  OPTIONAL_COLUMNS,
  type CardholderCsvRow,
  type ImportColumn,
  type ImportLineError,
  type ParsedCardholderCsv,
} from './cardholder-csv';
export { checkImportRows, type CheckedImportRow } from './import-validation';
export { importCardholders, type ImportCardholdersOptions, type ImportCardholdersResult } from './import-cardholders';
export {
  CardholderEntity,
  AccountEntity,
  AccountAllowedUnitEntity,
  CardEntity,
  CARDHOLDER_ENTITIES,
  type CardStatus,
} from './entities';
export { CardholdersRepository, CardsRepository } from './cardholders.repository';
export { CardholdersModule, type CardholdersModuleOptions } from './cardholders.module';
