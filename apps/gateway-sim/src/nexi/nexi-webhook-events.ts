import type { Clock } from '../clock';
import { nexiId } from '../ids';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { expiryDateMmYy } from './card-decisions';
import type { NexiEventName, NexiOrderItem, NexiWebHook } from './nexi-api.types';
import type { NexiErrorBody } from './nexi-errors';
import type { NexiChargeRecord, NexiPaymentRecord, NexiRefundRecord } from './nexi-state';
import { nexiPaymentMethod } from './test-cards';

/** Who hears about a payment's events: its merchant, through the hooks registered for it. */
export interface NexiEventTarget {
  readonly paymentId: string;
  readonly merchantId: number;
  readonly webHooks: readonly NexiWebHook[];
}

type EventData = Readonly<Record<string, unknown>>;

// Nexi's ".v2" events carry the merchant as merchantNumber, the older ones as merchantId.
function merchantField(event: NexiEventName): 'merchantNumber' | 'merchantId' {
  return event.endsWith('.v2') ? 'merchantNumber' : 'merchantId';
}

/** Nexi's timestamp: ISO 8601 with an explicit offset, as in its deliveries. */
function nexiTimestamp(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}

/** Builds Nexi's webhook envelopes and hands one delivery per registered hook to the dispatcher. */
export class NexiWebhookEvents {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: Clock,
  ) {}

  publish(target: NexiEventTarget, event: NexiEventName, data: EventData): void {
    const hooks = target.webHooks.filter((hook) => hook.eventName === event);
    if (hooks.length === 0) return;
    const id = nexiId();
    const body = JSON.stringify({
      id,
      [merchantField(event)]: target.merchantId,
      timestamp: nexiTimestamp(this.clock.now()),
      event,
      data: { ...data, paymentId: target.paymentId },
    });
    for (const hook of hooks) {
      this.dispatcher.publish({
        provider: 'nexi',
        eventId: id,
        eventName: event,
        orderingKey: target.paymentId,
        url: hook.url,
        body,
        headers: () => ({
          'content-type': 'application/json',
          ...(hook.authorization === undefined ? {} : { authorization: hook.authorization }),
        }),
        blocksLaterEvents: false,
        // Nexi: only 200 acknowledges; any other answer, 2xx included, is retried.
        isAcknowledgement: (status) => status === 200,
      });
    }
  }
}

export function paymentTarget(payment: NexiPaymentRecord): NexiEventTarget {
  return { paymentId: payment.paymentId, merchantId: payment.merchant.merchantId, webHooks: payment.webHooks };
}

function amountOf(amount: number, currency: string): EventData {
  return { amount, currency };
}

function orderOf(payment: NexiPaymentRecord): EventData {
  const { order } = payment;
  return {
    amount: amountOf(order.amount, order.currency),
    reference: order.reference,
    orderItems: order.items,
  };
}

function cardMethod(payment: NexiPaymentRecord): EventData {
  return {
    paymentMethod: payment.card ? nexiPaymentMethod(payment.card.brand) : 'Visa',
    paymentType: 'CARD',
  };
}

// One builder per event: the data member as Nexi's documented payloads have it.
export const nexiEventData = {
  paymentCreated: (payment: NexiPaymentRecord): EventData => ({ order: orderOf(payment) }),

  checkoutCompleted: (payment: NexiPaymentRecord): EventData => ({ order: orderOf(payment) }),

  reservationCreatedV1: (payment: NexiPaymentRecord): EventData => ({
    cardDetails: payment.card
      ? {
          expiryMonth: payment.card.expiryMonth,
          expiryYear: payment.card.expiryYear % 100,
          truncatedPan: payment.card.maskedPan,
          expiryDate: expiryDateMmYy(payment.card),
        }
      : {},
    ...cardMethod(payment),
    reserveId: payment.paymentId,
    amount: amountOf(payment.reservedAmount, payment.order.currency),
  }),

  reservationCreatedV2: (payment: NexiPaymentRecord): EventData => ({
    ...cardMethod(payment),
    amount: amountOf(payment.reservedAmount, payment.order.currency),
  }),

  reservationFailed: (payment: NexiPaymentRecord, error: NexiErrorBody): EventData => ({
    error,
    orderItems: payment.order.items,
    amount: amountOf(payment.order.amount, payment.order.currency),
  }),

  chargeCreated: (payment: NexiPaymentRecord, charge: NexiChargeRecord): EventData => ({
    chargeId: charge.chargeId,
    orderItems: charge.orderItems,
    ...cardMethod(payment),
    amount: amountOf(charge.amount, charge.currency),
  }),

  chargeFailed: (
    payment: NexiPaymentRecord,
    failed: { chargeId: string; error: NexiErrorBody; orderItems: readonly NexiOrderItem[]; amount: number },
  ): EventData => ({
    error: failed.error,
    chargeId: failed.chargeId,
    orderItems: failed.orderItems,
    reservationId: payment.paymentId,
    amount: amountOf(failed.amount, payment.order.currency),
  }),

  refundInitiated: (refund: NexiRefundRecord): EventData => ({
    refundId: refund.refundId,
    chargeId: refund.chargeId,
    amount: amountOf(refund.amount, refund.currency),
  }),

  refundCompleted: (refund: NexiRefundRecord): EventData => ({
    refundId: refund.refundId,
    amount: amountOf(refund.amount, refund.currency),
  }),

  cancelCreated: (
    payment: NexiPaymentRecord,
    cancel: { cancelId: string; amount: number; orderItems: readonly NexiOrderItem[] },
  ): EventData => ({
    cancelId: cancel.cancelId,
    orderItems: cancel.orderItems,
    amount: amountOf(cancel.amount, payment.order.currency),
  }),
};
