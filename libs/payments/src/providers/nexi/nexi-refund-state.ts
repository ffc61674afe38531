import type { ProviderRefundState } from '../../gateway/payment-gateway';
import type { NexiPayment } from './nexi-api';

// A refund in one of these states moved no money and never will; any other state (Completed,
// Pending, one Nexi adds later) counts as refunded, so it is never asked for a second time.
const ENDED_WITHOUT_MONEY = /^(failed|cancell?ed|expired|rejected)$/i;

/**
 * What a Nexi payment says of its refunds. The summary's refundedAmount counts completed
 * refunds only, while a refund Nexi has accepted may still be pending in its list; counting
 * that one too is what keeps a retry from refunding twice.
 */
export function nexiRefundState(payment: NexiPayment): ProviderRefundState {
  const completed = payment.summary?.refundedAmount ?? 0;
  const listed = (payment.refunds ?? [])
    .filter((refund) => !ENDED_WITHOUT_MONEY.test(refund.state ?? ''))
    .reduce((sum, refund) => sum + refund.amount, 0);
  const charges = payment.charges ?? [];
  return {
    chargedAmount: payment.summary?.chargedAmount ?? 0,
    refundedAmount: Math.max(completed, listed),
    // Our payments are charged once (checkout.charge, or one unscheduled charge). With several
    // charges the refund would have to be split, which nothing here knows how to do safely.
    refundTarget: charges.length === 1 ? charges[0]?.chargeId : undefined,
  };
}
