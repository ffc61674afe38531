import { timingSafeEqual } from 'node:crypto';
import type { MobilePayMerchant } from '../merchant-credentials';

/** The configured sales units, found by client id or MSN. */
export class MobilePayMerchants {
  constructor(private readonly merchants: readonly MobilePayMerchant[]) {}

  byClientId(clientId: string | undefined): MobilePayMerchant | undefined {
    return this.merchants.find((merchant) => merchant.clientId === clientId);
  }

  bySubscriptionKey(key: string | undefined): MobilePayMerchant | undefined {
    return this.merchants.find((merchant) => sameSecret(merchant.subscriptionKey, key));
  }

  byMerchantSerialNumber(msn: string): MobilePayMerchant | undefined {
    return this.merchants.find((merchant) => merchant.merchantSerialNumber === msn);
  }
}

export function sameSecret(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
