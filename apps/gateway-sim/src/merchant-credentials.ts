/** A Nexi Checkout merchant: the numeric merchant id and its secret API key (the Authorization value). */
export interface NexiMerchant {
  readonly merchantId: number;
  readonly secretKey: string;
}

/** A Vipps MobilePay sales unit and its API keys. */
export interface MobilePayMerchant {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly subscriptionKey: string;
  /** The MSN, 4–6 digits. */
  readonly merchantSerialNumber: string;
}
