import { DEMO_PAYMENT_KEYS } from '@kk/config';
import type { MobilePayMerchant, NexiMerchant } from './merchant-credentials';

// Public demo values for the stand-in only: they open nothing at the real providers. The demo
// script prints them; a production adapter is configured with the provider's real keys.

/** Nexi Checkout: test keys are "test-secret-key-" and 32 hex characters. */
export const DEMO_NEXI_MERCHANT: NexiMerchant = {
  merchantId: 100012345,
  secretKey: DEMO_PAYMENT_KEYS.nexiSecretKey,
};

/** Vipps MobilePay test sales unit. */
export const DEMO_MOBILEPAY_MERCHANT: MobilePayMerchant = {
  clientId: 'd0c5a1e2-7b3f-4c8d-9e6a-5f4b3c2d1e0a',
  clientSecret: DEMO_PAYMENT_KEYS.mobilePayClientSecret,
  subscriptionKey: DEMO_PAYMENT_KEYS.mobilePaySubscriptionKey,
  merchantSerialNumber: '123456',
};

/** "The phone" that approves MobilePay payments on the landing page (MSISDN, Danish +45). */
export const DEMO_MOBILEPAY_PHONE_NUMBER = '4512345678';
