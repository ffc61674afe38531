// The subset of Nexi Checkout's Payment API v1 the sim speaks, as the API reference names it.

export const NEXI_EVENT_NAMES = [
  'payment.created',
  'payment.checkout.completed',
  'payment.reservation.created',
  'payment.reservation.created.v2',
  'payment.reservation.failed',
  'payment.charge.created.v2',
  'payment.charge.failed',
  'payment.refund.initiated.v2',
  'payment.refund.completed',
  'payment.refund.failed',
  'payment.cancel.created',
  'payment.cancel.failed',
] as const;

export type NexiEventName = (typeof NEXI_EVENT_NAMES)[number];

export interface NexiOrderItem {
  readonly reference: string;
  readonly name: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number;
  readonly taxRate?: number;
  readonly taxAmount?: number;
  readonly grossTotalAmount: number;
  readonly netTotalAmount: number;
}

/** Amounts are integers in minor units (øre). */
export interface NexiOrder {
  readonly items: readonly NexiOrderItem[];
  readonly amount: number;
  readonly currency: string;
  readonly reference: string;
}

export interface NexiWebHook {
  readonly eventName: NexiEventName;
  readonly url: string;
  /** 8–32 alphanumerics; comes back as the delivery's Authorization header. */
  readonly authorization?: string;
}

export interface NexiCheckout {
  readonly integrationType: 'HostedPaymentPage';
  readonly returnUrl: string;
  readonly cancelUrl?: string;
  readonly termsUrl: string;
  /** true: charged at once when the reservation succeeds (auto-capture). */
  readonly charge: boolean;
}

export interface CreatePaymentRequest {
  readonly order: NexiOrder;
  readonly checkout: NexiCheckout;
  readonly webHooks: readonly NexiWebHook[];
  /** `unscheduledSubscription: { create: true }`: store the card for merchant-initiated charges. */
  readonly createUnscheduledSubscription: boolean;
}

export interface AmountRequest {
  readonly amount: number;
  readonly orderItems?: readonly NexiOrderItem[];
}

export interface UnscheduledChargeRequest {
  readonly order: NexiOrder;
  readonly webHooks: readonly NexiWebHook[];
}

export interface BulkChargeItem {
  readonly unscheduledSubscriptionId: string;
  readonly externalReference?: string;
  readonly order: NexiOrder;
}

export interface BulkChargeRequest {
  readonly externalBulkChargeId: string;
  readonly webHooks: readonly NexiWebHook[];
  readonly items: readonly BulkChargeItem[];
}
