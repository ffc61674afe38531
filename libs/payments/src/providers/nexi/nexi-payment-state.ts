import type {
  ProviderPaymentState,
  StoredCardChargeState,
  StoredCardDetails,
  StoredCardFailure,
} from '../../gateway/payment-gateway';
import type { NexiBulkChargeItem, NexiPayment } from './nexi-api';

/**
 * What a Nexi payment means for us. With checkout.charge:true Nexi charges the reservation
 * itself, so a deposit is done exactly when the charged amount reaches the order amount; a
 * card registration (amount 0) is done when Nexi has stored the card and says under which id.
 */
export function nexiPaymentState(payment: NexiPayment): ProviderPaymentState {
  const orderAmount = payment.orderDetails.amount;
  const chargedAmount = payment.summary?.chargedAmount ?? 0;
  const storedCardId = payment.unscheduledSubscription?.unscheduledSubscriptionId ?? undefined;

  // A charge that went through counts even if the payment was later terminated or refunded:
  // the money moved, and undoing it is a refund, not a cancellation.
  if (orderAmount > 0 && chargedAmount === orderAmount) {
    return { status: 'completed', chargedAmount, card: cardDetailsOf(payment, storedCardId) };
  }
  if (orderAmount === 0 && storedCardId) {
    return { status: 'completed', chargedAmount: 0, card: cardDetailsOf(payment, storedCardId) };
  }
  if (payment.terminated) return { status: 'cancelled', detail: 'terminated' };
  if ((payment.summary?.cancelledAmount ?? 0) > 0) return { status: 'cancelled', detail: 'reservation cancelled' };
  return { status: 'pending' };
}

function cardDetailsOf(payment: NexiPayment, storedCardId: string | undefined): StoredCardDetails | undefined {
  const card = payment.paymentDetails?.cardDetails;
  const details: StoredCardDetails = {
    ...(card?.maskedPan ? { maskedPan: card.maskedPan } : {}),
    ...(card?.expiryDate ? { expiry: card.expiryDate } : {}),
    ...(storedCardId ? { storedCardId } : {}),
    ...(payment.paymentDetails?.paymentMethod ? { brand: payment.paymentDetails.paymentMethod } : {}),
  };
  return Object.keys(details).length > 0 ? details : undefined;
}

/**
 * A bulk charge's one charge. Nexi reports success with the payment and charge it created; a
 * success without them would leave us nothing to reconcile against, so it counts as not yet known.
 */
export function nexiStoredCardChargeState(item: NexiBulkChargeItem | undefined, amount: number): StoredCardChargeState {
  if (!item || item.status === 'Pending') return { status: 'pending' };
  if (item.status === 'Succeeded') {
    if (!item.paymentId || !item.chargeId) return { status: 'pending' };
    return { status: 'succeeded', providerPaymentId: item.paymentId, chargeId: item.chargeId, amount };
  }
  const code = item.code === undefined || item.code === null ? undefined : String(item.code);
  const detail = [code, item.message].filter((part) => part !== undefined && part !== null && part !== '').join(': ');
  return {
    status: 'failed',
    failure: nexiChargeFailure(code, item.message ?? undefined),
    ...(detail ? { detail } : {}),
  };
}

// Issuer response codes (ISO 8583, as Nexi passes them on; its test amounts 0.XX/1.XX raise
// code XX). 04/07/41/43 are "pick up" (lost, stolen, fraud), 46 a closed account, 57/62 a card
// restricted for this use: the card must not be tried again, which is what card_blocked means.
const EXPIRED_CODES = new Set(['33', '54']);
const BLOCKED_CODES = new Set(['04', '07', '41', '43', '46', '57', '62']);
const NO_FUNDS_CODES = new Set(['51', '61']);

/** Nexi's failure code first, its message when the code says nothing we know. */
export function nexiChargeFailure(code: string | undefined, message: string | undefined): StoredCardFailure {
  const issuerCode = code?.trim().padStart(2, '0');
  if (issuerCode !== undefined) {
    if (EXPIRED_CODES.has(issuerCode)) return 'card_expired';
    if (BLOCKED_CODES.has(issuerCode)) return 'card_blocked';
    if (NO_FUNDS_CODES.has(issuerCode)) return 'no_funds';
  }
  const text = (message ?? '').toLowerCase();
  if (/expired|udløbet/.test(text)) return 'card_expired';
  if (/insufficient|not sufficient|funds|dækning|exceeds.*limit/.test(text)) return 'no_funds';
  if (/blocked|lost|stolen|pick.?up|restricted|spærret|closed/.test(text)) return 'card_blocked';
  return 'declined';
}
