import type { ProviderRefundState } from '../gateway/payment-gateway';

/**
 * `landed`: the provider has refunded this refund already (an answer was lost, or a process
 * died before recording it); `send`: it has not, ask for it now; `unclear`: the provider's
 * figures fit neither, and only an operator may decide (never a guess with money).
 */
export type RefundDecision =
  | { readonly kind: 'landed' }
  | { readonly kind: 'send'; readonly refundTarget: string }
  | { readonly kind: 'unclear'; readonly detail: string };

/**
 * What to do with a pending refund of `amount`, given what the provider says it refunded of
 * the payment and what we recorded as completed before it. At most one refund of a payment is
 * pending at a time, so the provider's total is either our completed total (not yet refunded)
 * or that plus this refund (refunded), and anything else is a discrepancy.
 */
export function decideRefund(seen: ProviderRefundState, completedBefore: number, amount: number): RefundDecision {
  const provider = seen.refundedAmount;
  if (provider === completedBefore + amount) return { kind: 'landed' };
  if (provider !== completedBefore) {
    return {
      kind: 'unclear',
      detail: `the provider has refunded ${provider} øre of the payment; we completed ${completedBefore} øre and this refund is ${amount} øre`,
    };
  }
  if (seen.refundTarget === undefined) {
    return { kind: 'unclear', detail: 'the provider shows no single charge to refund against' };
  }
  return { kind: 'send', refundTarget: seen.refundTarget };
}
