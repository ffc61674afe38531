import type { Clock } from '../clock';
import { nexiId } from '../ids';
import { cardNumberHash, danishDeclineText, decideEnteredCard, issuerError } from './card-decisions';
import type { NexiCharging } from './nexi-charging';
import type { NexiPaymentRecord, NexiState, StoredCard } from './nexi-state';
import { nexiEventData, paymentTarget, type NexiWebhookEvents } from './nexi-webhook-events';
import { maskPan, type CardBrand } from './test-cards';

/** A card as typed on the hosted page, its format already checked. */
export interface CardEntry {
  readonly holderName: string;
  readonly number: string;
  readonly brand: CardBrand;
  readonly expiryMonth: number;
  /** Four digits. */
  readonly expiryYear: number;
}

/** The exact text a repeated card and amount is refused with. */
export const IDENTICAL_TRANSACTION_TEXT = 'Identisk Transaktion';

export type CheckoutOutcome =
  | { readonly kind: 'completed'; readonly redirectUrl: string }
  | { readonly kind: 'refused'; readonly text: string }
  | { readonly kind: 'closed'; readonly page: ClosedCheckoutPage };

/** What the hosted page shows for a payment that can no longer be paid. */
export type ClosedCheckoutPage =
  | { readonly kind: 'completed'; readonly payment: NexiPaymentRecord; readonly returnUrl: string }
  | { readonly kind: 'terminated'; readonly payment: NexiPaymentRecord }
  | { readonly kind: 'unknown' };

/** What the hosted page shows for a payment id. */
export type CheckoutPage = { readonly kind: 'open'; readonly payment: NexiPaymentRecord } | ClosedCheckoutPage;

/** The customer's side of a Nexi checkout: paying (or registering a card) on the hosted page. */
export class NexiCheckoutService {
  constructor(
    private readonly state: NexiState,
    private readonly charging: NexiCharging,
    private readonly events: NexiWebhookEvents,
    private readonly clock: Clock,
    private readonly identicalTransactionWindowMs: number,
  ) {}

  page(paymentId: string): CheckoutPage {
    const payment = this.state.payments.get(paymentId);
    if (!payment?.checkout) return { kind: 'unknown' };
    if (payment.terminated) return { kind: 'terminated', payment };
    if (payment.checkoutCompleted) return { kind: 'completed', payment, returnUrl: this.returnUrl(payment) };
    return { kind: 'open', payment };
  }

  pay(paymentId: string, card: CardEntry): CheckoutOutcome {
    const page = this.page(paymentId);
    if (page.kind !== 'open') return { kind: 'closed', page };
    const { payment } = page;
    const now = this.clock.now();
    const numberHash = cardNumberHash(card.number);
    const { amount } = payment.order;
    const repeat = { merchantId: payment.merchant.merchantId, numberHash, amount };
    // A registration (amount 0) moves no money, so it is never a repeat of anything.
    if (amount > 0 && this.state.isIdenticalTransaction(repeat, now, this.identicalTransactionWindowMs)) {
      return { kind: 'refused', text: IDENTICAL_TRANSACTION_TEXT };
    }
    const outcome = decideEnteredCard(card.number, card.expiryMonth, card.expiryYear, now);
    if (outcome !== 'success') {
      const target = paymentTarget(payment);
      this.events.publish(
        target,
        'payment.reservation.failed',
        nexiEventData.reservationFailed(payment, issuerError(outcome)),
      );
      return { kind: 'refused', text: danishDeclineText(outcome) };
    }
    this.complete(payment, storedCard(card, numberHash), now);
    if (amount > 0) this.state.rememberCardPayment(repeat, now);
    return { kind: 'completed', redirectUrl: this.returnUrl(payment) };
  }

  /** With paymentid added as on the return URL (an assumption), so the merchant knows which checkout was left. */
  cancelUrl(payment: NexiPaymentRecord): string | undefined {
    const cancelUrl = payment.checkout?.cancelUrl;
    return cancelUrl === undefined ? undefined : withPaymentId(cancelUrl, payment.paymentId);
  }

  private complete(payment: NexiPaymentRecord, card: StoredCard, now: Date): void {
    payment.card = card;
    payment.checkoutCompleted = now;
    payment.reservedAmount = payment.order.amount;
    if (payment.createUnscheduledSubscription) {
      const unscheduledSubscriptionId = nexiId();
      this.state.subscriptions.set(unscheduledSubscriptionId, {
        unscheduledSubscriptionId,
        merchantId: payment.merchant.merchantId,
        card,
        created: now,
        state: 'ok',
      });
      payment.unscheduledSubscriptionId = unscheduledSubscriptionId;
    }
    const target = paymentTarget(payment);
    this.events.publish(target, 'payment.checkout.completed', nexiEventData.checkoutCompleted(payment));
    if (payment.reservedAmount > 0) {
      this.events.publish(target, 'payment.reservation.created', nexiEventData.reservationCreatedV1(payment));
      this.events.publish(target, 'payment.reservation.created.v2', nexiEventData.reservationCreatedV2(payment));
      if (payment.checkout?.charge) this.charging.charge(payment, payment.reservedAmount, payment.order.items);
    }
  }

  private returnUrl(payment: NexiPaymentRecord): string {
    return withPaymentId(payment.checkout?.returnUrl ?? '', payment.paymentId);
  }
}

function storedCard(card: CardEntry, numberHash: string): StoredCard {
  return {
    brand: card.brand,
    maskedPan: maskPan(card.number),
    expiryMonth: card.expiryMonth,
    expiryYear: card.expiryYear,
    numberHash,
  };
}

/** As Nexi does: the merchant's URL with `paymentid=<id>` added to its query. */
export function withPaymentId(url: string, paymentId: string): string {
  const parsed = new URL(url);
  parsed.searchParams.append('paymentid', paymentId);
  return parsed.toString();
}
