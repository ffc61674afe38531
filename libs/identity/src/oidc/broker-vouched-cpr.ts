import { checkCpr } from '../identity-inputs';

declare const vouched: unique symbol;

/**
 * A CPR number the identity broker vouched for in this login: a CPR claim of a verified
 * ID token, or a typed number the broker's CPR match confirmed for the identity just
 * authenticated. Only such a number can link an identity (see cprVouchedByBroker).
 */
export type BrokerVouchedCpr = string & { readonly [vouched]: true };

/**
 * Marks a CPR as vouched for. Call it only with the CPR claim of an ID token whose
 * signature was checked, or with the number a positive CPR match of this login's own
 * access token answered for; never with what a form sent.
 */
export function cprVouchedByBroker(cpr: string): BrokerVouchedCpr | undefined {
  const checked = checkCpr(cpr);
  return checked.ok ? (checked.value as BrokerVouchedCpr) : undefined;
}
