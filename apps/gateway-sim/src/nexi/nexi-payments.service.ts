import type { Clock } from '../clock';
import { nexiId } from '../ids';
import type { NexiMerchant } from '../merchant-credentials';
import type { PublicUrl } from '../public-url';
import type { AmountRequest, CreatePaymentRequest } from './nexi-api.types';
import { nexiNotFound, nexiRefused } from './nexi-errors';
import type { NexiCharging } from './nexi-charging';
import { nexiPaymentView } from './nexi-payment-view';
import type { NexiPaymentRecord, NexiState } from './nexi-state';
import { nexiEventData, paymentTarget, type NexiWebhookEvents } from './nexi-webhook-events';

/** Where the hosted payment page of a payment is: Nexi's own is /hostedpaymentpage/?pid=<paymentId>. */
export const HOSTED_PAYMENT_PAGE_PATH = '/hostedpaymentpage/';

/** The Payment API's merchant calls on payments: create, retrieve, charge, refund, cancel, terminate. */
export class NexiPaymentsService {
  constructor(
    private readonly state: NexiState,
    private readonly charging: NexiCharging,
    private readonly events: NexiWebhookEvents,
    private readonly clock: Clock,
    private readonly publicUrl: PublicUrl,
  ) {}

  create(merchant: NexiMerchant, request: CreatePaymentRequest): { paymentId: string; hostedPaymentPageUrl: string } {
    const payment: NexiPaymentRecord = {
      paymentId: nexiId(),
      merchant,
      order: request.order,
      checkout: request.checkout,
      webHooks: request.webHooks,
      createUnscheduledSubscription: request.createUnscheduledSubscription,
      created: this.clock.now(),
      reservedAmount: 0,
      chargedAmount: 0,
      refundedAmount: 0,
      cancelledAmount: 0,
      charges: [],
      refunds: [],
    };
    this.state.payments.set(payment.paymentId, payment);
    this.events.publish(paymentTarget(payment), 'payment.created', nexiEventData.paymentCreated(payment));
    return { paymentId: payment.paymentId, hostedPaymentPageUrl: this.hostedPaymentPageUrl(payment.paymentId) };
  }

  retrieve(merchant: NexiMerchant, paymentId: string): Record<string, unknown> {
    const payment = this.owned(merchant, paymentId);
    return nexiPaymentView(payment, payment.checkout ? this.hostedPaymentPageUrl(paymentId) : undefined);
  }

  charge(merchant: NexiMerchant, paymentId: string, request: AmountRequest): { chargeId: string } {
    const payment = this.owned(merchant, paymentId);
    if (payment.terminated) throw nexiRefused('The payment is terminated.');
    if (payment.reservedAmount === 0) throw nexiRefused('The payment has no reservation to charge.');
    const left = payment.reservedAmount - payment.chargedAmount - payment.cancelledAmount;
    if (request.amount > left) {
      throw nexiRefused(`The amount ${request.amount} exceeds the ${left} left of the reservation.`);
    }
    const charge = this.charging.charge(payment, request.amount, request.orderItems ?? payment.order.items);
    return { chargeId: charge.chargeId };
  }

  refund(merchant: NexiMerchant, chargeId: string, request: AmountRequest): { refundId: string } {
    const found = this.state.findCharge(chargeId);
    if (!found || found.payment.merchant.merchantId !== merchant.merchantId) throw nexiNotFound('Charge', chargeId);
    const { payment, charge } = found;
    const left = charge.amount - charge.refundedAmount;
    if (request.amount > left) {
      throw nexiRefused(`The amount ${request.amount} exceeds the ${left} of the charge not yet refunded.`);
    }
    const refund = {
      refundId: nexiId(),
      chargeId,
      paymentId: payment.paymentId,
      merchantId: merchant.merchantId,
      amount: request.amount,
      currency: charge.currency,
      ...(request.orderItems === undefined ? {} : { orderItems: request.orderItems }),
      created: this.clock.now(),
    };
    payment.refunds.push(refund);
    payment.refundedAmount += refund.amount;
    charge.refundedAmount += refund.amount;
    const target = paymentTarget(payment);
    this.events.publish(target, 'payment.refund.initiated.v2', nexiEventData.refundInitiated(refund));
    this.events.publish(target, 'payment.refund.completed', nexiEventData.refundCompleted(refund));
    return { refundId: refund.refundId };
  }

  /** Releases the whole reservation; a payment with charges is refunded instead. */
  cancel(merchant: NexiMerchant, paymentId: string, request: AmountRequest): void {
    const payment = this.owned(merchant, paymentId);
    if (payment.reservedAmount === 0) throw nexiRefused('The payment has no reservation to cancel.');
    if (payment.chargedAmount > 0) throw nexiRefused('A charged payment cannot be cancelled; refund it instead.');
    const left = payment.reservedAmount - payment.cancelledAmount;
    if (request.amount !== left) throw nexiRefused(`The amount to cancel is the reserved amount, ${left}.`);
    payment.cancelledAmount += request.amount;
    const cancel = {
      cancelId: nexiId(),
      amount: request.amount,
      orderItems: request.orderItems ?? payment.order.items,
    };
    this.events.publish(paymentTarget(payment), 'payment.cancel.created', nexiEventData.cancelCreated(payment, cancel));
  }

  /** Ends a checkout the customer has not completed; its hosted page then refuses to pay. */
  terminate(merchant: NexiMerchant, paymentId: string): void {
    const payment = this.owned(merchant, paymentId);
    if (payment.checkoutCompleted) throw nexiRefused('A completed checkout cannot be terminated.');
    payment.terminated ??= this.clock.now();
  }

  hostedPaymentPageUrl(paymentId: string): string {
    return this.publicUrl.to(HOSTED_PAYMENT_PAGE_PATH, { pid: paymentId });
  }

  // Another merchant's payment is as unknown as one that does not exist.
  private owned(merchant: NexiMerchant, paymentId: string): NexiPaymentRecord {
    const payment = this.state.payments.get(paymentId);
    if (!payment || payment.merchant.merchantId !== merchant.merchantId) throw nexiNotFound('Payment', paymentId);
    return payment;
  }
}
