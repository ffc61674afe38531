import type { Clock } from '../clock';
import { nexiId } from '../ids';
import type { NexiMerchant } from '../merchant-credentials';
import { decideStoredCard, expiryDateMmYy, issuerError } from './card-decisions';
import type { BulkChargeRequest, NexiOrder, NexiWebHook, UnscheduledChargeRequest } from './nexi-api.types';
import { NexiApiError, nexiNotFound, type NexiErrorBody } from './nexi-errors';
import type { NexiCharging } from './nexi-charging';
import type {
  BulkChargeResult,
  NexiPaymentRecord,
  NexiState,
  StoredCardState,
  UnscheduledSubscriptionRecord,
} from './nexi-state';
import { nexiEventData, paymentTarget, type NexiWebhookEvents } from './nexi-webhook-events';
import { nexiPaymentMethod } from './test-cards';

type ChargeAttempt =
  | { readonly ok: true; readonly paymentId: string; readonly chargeId: string }
  | { readonly ok: false; readonly paymentId: string; readonly chargeId: string; readonly error: NexiErrorBody };

export interface BulkPaging {
  readonly skip?: number;
  readonly take?: number;
  readonly pageNumber?: number;
  readonly pageSize?: number;
}

/** Merchant-initiated charges of stored cards (uCoF): one at a time, or in a bulk that is safe to retry. */
export class NexiUnscheduledService {
  constructor(
    private readonly state: NexiState,
    private readonly charging: NexiCharging,
    private readonly events: NexiWebhookEvents,
    private readonly clock: Clock,
  ) {}

  /** `GET /v1/unscheduledsubscriptions/{id}`: the stored card, with the expiry its issuer reports. */
  retrieve(merchant: NexiMerchant, id: string): Record<string, unknown> {
    const subscription = this.owned(merchant, id);
    return {
      unscheduledSubscriptionId: subscription.unscheduledSubscriptionId,
      paymentDetails: {
        paymentType: 'CARD',
        paymentMethod: nexiPaymentMethod(subscription.card.brand),
        cardDetails: { expiryDate: this.reportedExpiry(subscription), maskedPan: subscription.card.maskedPan },
      },
    };
  }

  /** Charges at once; a declined stored card is 402 with the issuer's error, as Nexi answers. */
  charge(
    merchant: NexiMerchant,
    id: string,
    request: UnscheduledChargeRequest,
  ): { paymentId: string; chargeId: string } {
    const attempt = this.attempt(merchant, this.owned(merchant, id), request.order, request.webHooks);
    if (!attempt.ok) throw new NexiApiError(402, attempt.error);
    return { paymentId: attempt.paymentId, chargeId: attempt.chargeId };
  }

  /** The same externalBulkChargeId again answers the first bulkId and charges nothing again. */
  bulkCharge(merchant: NexiMerchant, request: BulkChargeRequest): { bulkId: string } {
    const key = `${merchant.merchantId}:${request.externalBulkChargeId}`;
    const earlier = this.state.bulkIdsByExternalId.get(key);
    if (earlier !== undefined) return { bulkId: earlier };
    const results = request.items.map((item): BulkChargeResult => {
      const reference = item.externalReference === undefined ? {} : { externalReference: item.externalReference };
      const subscription = this.state.subscriptions.get(item.unscheduledSubscriptionId);
      if (!subscription || subscription.merchantId !== merchant.merchantId) {
        return {
          unscheduledSubscriptionId: item.unscheduledSubscriptionId,
          status: 'Failed',
          message: 'Unscheduled subscription not found',
          code: '404',
          source: 'Internal',
          ...reference,
        };
      }
      const attempt = this.attempt(merchant, subscription, item.order, request.webHooks);
      return {
        unscheduledSubscriptionId: item.unscheduledSubscriptionId,
        paymentId: attempt.paymentId,
        chargeId: attempt.chargeId,
        status: attempt.ok ? 'Succeeded' : 'Failed',
        ...(attempt.ok ? {} : attempt.error),
        ...reference,
      };
    });
    const bulkId = nexiId();
    this.state.bulks.set(bulkId, {
      bulkId,
      merchantId: merchant.merchantId,
      externalBulkChargeId: request.externalBulkChargeId,
      results,
    });
    this.state.bulkIdsByExternalId.set(key, bulkId);
    return { bulkId };
  }

  /** The sim charges a bulk as it arrives, so its status is already Done. */
  bulkStatus(merchant: NexiMerchant, bulkId: string, paging: BulkPaging): Record<string, unknown> {
    const bulk = this.state.bulks.get(bulkId);
    if (!bulk || bulk.merchantId !== merchant.merchantId) throw nexiNotFound('Bulk charge', bulkId);
    const size = paging.take ?? paging.pageSize ?? bulk.results.length;
    const start = paging.skip ?? ((paging.pageNumber ?? 1) - 1) * size;
    const page = bulk.results.slice(start, start + size);
    return { page, more: start + page.length < bulk.results.length, status: 'Done' };
  }

  /** Test control: the stored card's standing at its issuer. */
  setCardState(id: string, state: StoredCardState): UnscheduledSubscriptionRecord | undefined {
    const subscription = this.state.subscriptions.get(id);
    if (subscription) subscription.state = state;
    return subscription;
  }

  private attempt(
    merchant: NexiMerchant,
    subscription: UnscheduledSubscriptionRecord,
    order: NexiOrder,
    webHooks: readonly NexiWebHook[],
  ): ChargeAttempt {
    const now = this.clock.now();
    // Each merchant-initiated charge is a payment of its own, as Nexi makes one.
    const payment: NexiPaymentRecord = {
      paymentId: nexiId(),
      merchant,
      order,
      webHooks,
      createUnscheduledSubscription: false,
      created: now,
      card: subscription.card,
      checkoutCompleted: now,
      unscheduledSubscriptionId: subscription.unscheduledSubscriptionId,
      reservedAmount: 0,
      chargedAmount: 0,
      refundedAmount: 0,
      cancelledAmount: 0,
      charges: [],
      refunds: [],
    };
    this.state.payments.set(payment.paymentId, payment);
    const outcome = decideStoredCard(subscription, now);
    if (outcome !== 'success') {
      const failed = { chargeId: nexiId(), error: issuerError(outcome), orderItems: order.items, amount: order.amount };
      this.events.publish(paymentTarget(payment), 'payment.charge.failed', nexiEventData.chargeFailed(payment, failed));
      return { ok: false, paymentId: payment.paymentId, chargeId: failed.chargeId, error: failed.error };
    }
    payment.reservedAmount = order.amount;
    const charge = this.charging.charge(payment, order.amount, order.items);
    return { ok: true, paymentId: payment.paymentId, chargeId: charge.chargeId };
  }

  // A card switched to "expired" reports last month as its expiry date, as a lapsed card would.
  private reportedExpiry(subscription: UnscheduledSubscriptionRecord): string {
    if (subscription.state !== 'expired') return expiryDateMmYy(subscription.card);
    const now = this.clock.now();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    return expiryDateMmYy({ expiryMonth: lastMonth.getUTCMonth() + 1, expiryYear: lastMonth.getUTCFullYear() });
  }

  private owned(merchant: NexiMerchant, id: string): UnscheduledSubscriptionRecord {
    const subscription = this.state.subscriptions.get(id);
    if (!subscription || subscription.merchantId !== merchant.merchantId) {
      throw nexiNotFound('Unscheduled subscription', id);
    }
    return subscription;
  }
}
