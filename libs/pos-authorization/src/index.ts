export { generateTillKey, hashTillKey, tenantOfTillKey } from './till-key';
export { spendingPeriods, SPENDING_TIME_ZONE, type SpendingPeriods } from './spending-periods';
export { DECLINE_REASONS, isDeclineReason, tillMessage, type DeclineReason } from './decline-reason';
export {
  parsePurchaseRequest,
  parseCardNumber,
  purchaseRequestHash,
  MAX_PURCHASE_AMOUNT,
  MAX_DESCRIPTION_LENGTH,
  type PurchaseRequest,
  type FieldError,
  type Parsed,
} from './purchase-request';
export { TillAuthenticator, type Till, type SqlRunner, type TillAuthenticatorOptions } from './till-authenticator';
export {
  PosAuthorizationService,
  type PurchaseResponse,
  type PurchaseOutcome,
  type ReversalOutcome,
  type CardView,
  type PosAuthorizationOptions,
} from './pos-authorization.service';
export { PosPurchaseEntity } from './purchase-log/pos-purchase.entity';
export { POS_ENTITIES } from './pos-entities';
