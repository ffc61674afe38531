import type { EPaymentService } from '../mobilepay/epayment.service';
import type { MobilePayWebhooksService } from '../mobilepay/mobilepay-webhooks.service';
import type { NexiAnswerDelay } from '../nexi/answer-delay';
import type { NexiState, StoredCardState } from '../nexi/nexi-state';
import type { NexiUnscheduledService } from '../nexi/nexi-unscheduled.service';
import type { WebhookDeliveryMode } from '../webhooks/delivery-mode';
import type { DeliveryAttempt, WebhookDispatcher } from '../webhooks/webhook-dispatcher';

/** One movement of money at a provider: a Nexi charge or refund, a MobilePay capture or refund. */
export interface LedgerEntry {
  readonly provider: 'nexi' | 'mobilepay';
  /** Nexi's merchantId or MobilePay's MSN. */
  readonly merchant: string;
  /** Nexi's paymentId or MobilePay's reference. */
  readonly payment: string;
  /** Nexi's chargeId (of the refunded charge, for a refund) or MobilePay's pspReference. */
  readonly chargeId: string;
  /** The merchant's own reference: Nexi's order reference, MobilePay's reference. */
  readonly reference: string;
  /** Nexi: the stored card a merchant-initiated charge (or its refund) was made on. */
  readonly unscheduledSubscriptionId?: string;
  readonly refundId?: string;
  readonly amount: number;
  readonly currency: string;
  readonly at: string;
}

export interface SimLedger {
  readonly charges: readonly LedgerEntry[];
  readonly refunds: readonly LedgerEntry[];
}

export interface WebhookStatus {
  readonly stopped: boolean;
  /** Events waiting for resume. */
  readonly held: number;
  readonly mode: WebhookDeliveryMode;
}

/** The test-only handle on the sim, behind both the /_sim routes and RunningGatewaySim.controls. */
export class GatewaySimControls {
  constructor(
    private readonly nexi: NexiState,
    private readonly unscheduled: NexiUnscheduledService,
    private readonly answerDelay: NexiAnswerDelay,
    private readonly epayments: EPaymentService,
    private readonly mobilePayWebhooks: MobilePayWebhooksService,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /** Switches a stored card (unscheduled subscription); false when there is no such card. */
  setStoredCardState(unscheduledSubscriptionId: string, state: StoredCardState): boolean {
    return this.unscheduled.setCardState(unscheduledSubscriptionId, state) !== undefined;
  }

  /**
   * How long each Nexi bulk charge (`POST /v1/unscheduledsubscriptions/charges`) holds its
   * answer after the card is charged: a caller killed meanwhile has been charged but never
   * heard so. 0 answers at once; returns the delay now in force.
   */
  setAnswerDelay(ms: number): number {
    this.answerDelay.set(ms);
    return this.answerDelay.delayMs;
  }

  webhookStatus(): WebhookStatus {
    return {
      stopped: this.dispatcher.isStopped(),
      held: this.dispatcher.heldCount(),
      mode: this.dispatcher.deliveryMode(),
    };
  }

  setWebhookMode(mode: WebhookDeliveryMode): WebhookStatus {
    this.dispatcher.setDeliveryMode(mode);
    return this.webhookStatus();
  }

  stopWebhooks(): WebhookStatus {
    this.dispatcher.stop();
    return this.webhookStatus();
  }

  resumeWebhooks(): WebhookStatus {
    this.dispatcher.resume();
    return this.webhookStatus();
  }

  webhookAttempts(): readonly DeliveryAttempt[] {
    return this.dispatcher.attemptLog();
  }

  /** Resolves once no delivery is in flight or waiting for a retry (held events excepted). */
  whenWebhooksIdle(): Promise<void> {
    return this.dispatcher.whenIdle();
  }

  /** A MobilePay payment nobody answered times out now; undefined when there is no such payment. */
  expireMobilePayPayment(msn: string, reference: string): string | undefined {
    return this.epayments.expire(msn, reference)?.state;
  }

  ledger(): SimLedger {
    const nexiPayment = (paymentId: string) => {
      const payment = this.nexi.payments.get(paymentId);
      return {
        reference: payment?.order.reference ?? '',
        ...(payment?.unscheduledSubscriptionId ? { unscheduledSubscriptionId: payment.unscheduledSubscriptionId } : {}),
      };
    };
    const nexiCharges = this.nexi.allCharges().map((charge): LedgerEntry => ({
      provider: 'nexi',
      merchant: String(charge.merchantId),
      payment: charge.paymentId,
      chargeId: charge.chargeId,
      ...nexiPayment(charge.paymentId),
      amount: charge.amount,
      currency: charge.currency,
      at: charge.created.toISOString(),
    }));
    const nexiRefunds = this.nexi.allRefunds().map((refund): LedgerEntry => ({
      provider: 'nexi',
      merchant: String(refund.merchantId),
      payment: refund.paymentId,
      chargeId: refund.chargeId,
      ...nexiPayment(refund.paymentId),
      refundId: refund.refundId,
      amount: refund.amount,
      currency: refund.currency,
      at: refund.created.toISOString(),
    }));
    const mobilePay = (name: 'CAPTURED' | 'REFUNDED'): LedgerEntry[] =>
      this.epayments.allPayments().flatMap((payment) =>
        payment.events
          .filter((event) => event.name === name)
          .map((event) => ({
            provider: 'mobilepay' as const,
            merchant: payment.msn,
            payment: payment.reference,
            chargeId: payment.pspReference,
            reference: payment.reference,
            amount: event.amount.value,
            currency: event.amount.currency,
            at: event.timestamp,
          })),
      );
    return { charges: [...nexiCharges, ...mobilePay('CAPTURED')], refunds: [...nexiRefunds, ...mobilePay('REFUNDED')] };
  }

  /** Forgets every payment, card, registration, queued event, mode and answer delay; merchants stay. */
  reset(): void {
    this.answerDelay.releaseAll();
    this.dispatcher.reset();
    this.nexi.reset();
    this.epayments.reset();
    this.mobilePayWebhooks.reset();
  }
}
