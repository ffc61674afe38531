import type { Clock } from '../clock';
import { nexiId } from '../ids';
import type { NexiOrderItem } from './nexi-api.types';
import type { NexiChargeRecord, NexiPaymentRecord } from './nexi-state';
import { nexiEventData, paymentTarget, type NexiWebhookEvents } from './nexi-webhook-events';

/** The one place money is charged on the Nexi side: checkout auto-capture, charge calls, stored cards. */
export class NexiCharging {
  constructor(
    private readonly clock: Clock,
    private readonly events: NexiWebhookEvents,
  ) {}

  charge(payment: NexiPaymentRecord, amount: number, orderItems: readonly NexiOrderItem[]): NexiChargeRecord {
    const charge: NexiChargeRecord = {
      chargeId: nexiId(),
      paymentId: payment.paymentId,
      merchantId: payment.merchant.merchantId,
      amount,
      currency: payment.order.currency,
      orderItems,
      created: this.clock.now(),
      refundedAmount: 0,
    };
    payment.charges.push(charge);
    payment.chargedAmount += amount;
    this.events.publish(
      paymentTarget(payment),
      'payment.charge.created.v2',
      nexiEventData.chargeCreated(payment, charge),
    );
    return charge;
  }
}
