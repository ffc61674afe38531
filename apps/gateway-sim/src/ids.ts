import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** Nexi's ids (paymentId, chargeId, refundId, event id …): 32 lower-case hex characters. */
export function nexiId(): string {
  return randomBytes(16).toString('hex');
}

/** Vipps MobilePay's pspReference: a long run of digits (19, as in their examples). */
export function pspReference(): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < 19) digits += String(randomInt(0, 10));
  return digits;
}

export function uuid(): string {
  return randomUUID();
}

/** An unguessable token for a hosted page URL. */
export function pageToken(): string {
  return randomBytes(24).toString('base64url');
}
