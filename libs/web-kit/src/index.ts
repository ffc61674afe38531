export { formatKroner } from './format-money';
export { MESSAGES, LOCALES, isLocale, translate, type Locale, type MessageKey } from './messages';
export { registerViewHelpers } from './view-helpers';
