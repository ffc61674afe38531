import { expiryDateMmYy } from './card-decisions';
import type { NexiPaymentRecord } from './nexi-state';
import { nexiPaymentMethod } from './test-cards';

type Json = Record<string, unknown>;

/** The member set only when it holds something, as Nexi leaves out what is not set yet. */
function when<T>(condition: boolean, member: () => T): T | Record<string, never> {
  return condition ? member() : {};
}

/** `GET /v1/payments/{paymentId}`: `{ payment: … }` in Nexi's shape. */
export function nexiPaymentView(payment: NexiPaymentRecord, hostedPaymentPageUrl: string | undefined): Json {
  const { card } = payment;
  return {
    payment: {
      paymentId: payment.paymentId,
      summary: {
        ...when(payment.reservedAmount > 0, () => ({ reservedAmount: payment.reservedAmount })),
        ...when(payment.chargedAmount > 0, () => ({ chargedAmount: payment.chargedAmount })),
        ...when(payment.refundedAmount > 0, () => ({ refundedAmount: payment.refundedAmount })),
        ...when(payment.cancelledAmount > 0, () => ({ cancelledAmount: payment.cancelledAmount })),
      },
      paymentDetails: card
        ? {
            paymentType: 'CARD',
            paymentMethod: nexiPaymentMethod(card.brand),
            cardDetails: { maskedPan: card.maskedPan, expiryDate: expiryDateMmYy(card) },
          }
        : {},
      orderDetails: {
        amount: payment.order.amount,
        currency: payment.order.currency,
        reference: payment.order.reference,
      },
      ...when(payment.checkout !== undefined && hostedPaymentPageUrl !== undefined, () => ({
        checkout: {
          url: hostedPaymentPageUrl,
          ...when(payment.checkout?.cancelUrl !== undefined, () => ({ cancelUrl: payment.checkout?.cancelUrl })),
        },
      })),
      created: payment.created.toISOString(),
      ...when(payment.unscheduledSubscriptionId !== undefined, () => ({
        unscheduledSubscription: { unscheduledSubscriptionId: payment.unscheduledSubscriptionId },
      })),
      ...when(payment.charges.length > 0, () => ({
        charges: payment.charges.map((charge) => ({
          chargeId: charge.chargeId,
          amount: charge.amount,
          created: charge.created.toISOString(),
          orderItems: charge.orderItems,
        })),
      })),
      ...when(payment.refunds.length > 0, () => ({
        refunds: payment.refunds.map((refund) => ({
          refundId: refund.refundId,
          amount: refund.amount,
          state: 'Completed',
          lastUpdated: refund.created.toISOString(),
          ...when(refund.orderItems !== undefined, () => ({ orderItems: refund.orderItems })),
        })),
      })),
      ...when(payment.terminated !== undefined, () => ({ terminated: payment.terminated?.toISOString() })),
    },
  };
}
