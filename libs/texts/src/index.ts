export { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from './locale';
export { da, type TextKey } from './da';
export { en } from './en';
export {
  isTextKey,
  placeholdersOf,
  t,
  templateText,
  textCatalogue,
  type PlainTextKey,
  type TextKeysUnder,
  type TextParams,
  type TextPlaceholder,
} from './texts';
