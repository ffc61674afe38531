export { NexiProvider, type NexiProviderSettings } from './nexi/nexi-provider';
export { parseNexiWebhook, verifyNexiWebhook, type NexiWebhookEvent } from './nexi/nexi-webhook';
export { MobilePayProvider, type MobilePayProviderSettings } from './mobilepay/mobilepay-provider';
export {
  MOBILEPAY_WEBHOOK_MAX_CLOCK_SKEW_MS,
  parseMobilePayWebhook,
  verifyMobilePayWebhook,
  type MobilePayWebhookEvent,
  type MobilePayWebhookRequest,
} from './mobilepay/mobilepay-webhook';
export type { ProviderHttpDependencies } from './provider-http';
export type { WebhookParseResult } from './webhook-parse-result';
export { MOBILEPAY_WEBHOOK_EVENTS, registerMobilePayWebhook } from './mobilepay/mobilepay-webhook-registration';
