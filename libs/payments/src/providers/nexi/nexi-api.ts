import { z } from 'zod';

// The parts of Nexi Checkout's Payment API v1 we send and read. Responses are read leniently
// (unknown fields ignored, absent ones optional, null taken as absent), because Nexi adds fields
// and leaves out empty ones; what we act on is checked.

const ORE = z.number().int().nonnegative();
const NEXI_ITEM_NAME_MAX = 128;

/** The events we ask Nexi to send for a hosted payment: each one makes us read the payment again. */
export const NEXI_PAYMENT_EVENTS = [
  'payment.checkout.completed',
  'payment.reservation.created.v2',
  'payment.charge.created.v2',
  'payment.charge.failed',
  'payment.cancel.created',
] as const;

/** The events for an unscheduled (card-on-file) charge. */
export const NEXI_CHARGE_EVENTS = ['payment.charge.created.v2', 'payment.charge.failed'] as const;

export interface NexiWebHook {
  readonly eventName: string;
  readonly url: string;
  readonly authorization: string;
}

export function nexiWebHooks(events: readonly string[], url: string, authorization: string): NexiWebHook[] {
  return events.map((eventName) => ({ eventName, url, authorization }));
}

/**
 * An order of one line: a deposit onto a canteen-card account. Prepaid balance is not a sale,
 * so no VAT (taxRate 0); Nexi checks that the line totals add up to the order amount.
 */
export function nexiOrder(reference: string, description: string, amount: number) {
  return {
    items: [
      {
        reference,
        name: description.slice(0, NEXI_ITEM_NAME_MAX),
        quantity: 1,
        unit: 'pcs',
        unitPrice: amount,
        taxRate: 0,
        taxAmount: 0,
        grossTotalAmount: amount,
        netTotalAmount: amount,
      },
    ],
    amount,
    currency: 'DKK',
    reference,
  };
}

/** 201 from POST /v1/payments. */
export const nexiCreatePaymentResponseSchema = z.object({
  paymentId: z.string().min(1),
  hostedPaymentPageUrl: z.string().url(),
});

const nexiSummarySchema = z.object({
  reservedAmount: ORE.nullish(),
  chargedAmount: ORE.nullish(),
  refundedAmount: ORE.nullish(),
  cancelledAmount: ORE.nullish(),
});

const nexiPaymentSchema = z.object({
  paymentId: z.string().min(1),
  summary: nexiSummarySchema.nullish(),
  orderDetails: z.object({ amount: ORE, currency: z.string().nullish(), reference: z.string().nullish() }),
  paymentDetails: z
    .object({
      paymentType: z.string().nullish(),
      paymentMethod: z.string().nullish(),
      cardDetails: z.object({ maskedPan: z.string().nullish(), expiryDate: z.string().nullish() }).nullish(),
    })
    .nullish(),
  unscheduledSubscription: z.object({ unscheduledSubscriptionId: z.string().nullish() }).nullish(),
  /** When the payment was terminated (the payer left, or it timed out); absent otherwise. */
  terminated: z.string().nullish(),
  /** Each charge; a refund is made against one of them. */
  charges: z.array(z.object({ chargeId: z.string().min(1), amount: ORE })).nullish(),
  /** Each refund with its state ("Pending", "Completed", "Failed", "Cancelled", …). */
  refunds: z.array(z.object({ refundId: z.string().nullish(), amount: ORE, state: z.string().nullish() })).nullish(),
});

export type NexiPayment = z.infer<typeof nexiPaymentSchema>;

/** 200 from GET /v1/payments/{paymentId}. */
export const nexiRetrievePaymentResponseSchema = z.object({ payment: nexiPaymentSchema });

/** 202 from POST /v1/unscheduledsubscriptions/charges. */
export const nexiBulkChargeResponseSchema = z.object({ bulkId: z.string().min(1) });

const nexiBulkChargeItemSchema = z.object({
  unscheduledSubscriptionId: z.string().nullish(),
  paymentId: z.string().nullish(),
  chargeId: z.string().nullish(),
  status: z.enum(['Pending', 'Succeeded', 'Failed']),
  message: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  source: z.string().nullish(),
});

export type NexiBulkChargeItem = z.infer<typeof nexiBulkChargeItemSchema>;

/** 200 from GET /v1/unscheduledsubscriptions/charges/{bulkId}: one page of the bulk's charges. */
export const nexiBulkChargeStatusResponseSchema = z.object({
  page: z.array(nexiBulkChargeItemSchema).nullish(),
  more: z.boolean().nullish(),
  status: z.enum(['Processing', 'Done']).nullish(),
});

export type NexiBulkChargeStatus = z.infer<typeof nexiBulkChargeStatusResponseSchema>;

/** 201 from POST /v1/charges/{chargeId}/refunds. */
export const nexiRefundResponseSchema = z.object({ refundId: z.string().min(1) });
