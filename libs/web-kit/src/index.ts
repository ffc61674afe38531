export { formatKroner } from './format-money';
export { registerViewHelpers } from './view-helpers';
