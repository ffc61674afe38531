/**
 * The port between our payment rules and a provider (Nexi Checkout, Vipps MobilePay). The
 * rules never trust what a browser or a webhook says about money: they ask the provider
 * again through `readPayment` / `readStoredCardCharge` and act on that answer only.
 */

export type ProviderName = 'nexi' | 'mobilepay';

/** Our reference for a payment: [A-Za-z0-9-], 8–50 characters, unique per tenant. */
export type PaymentReference = string;

export interface HostedPaymentRequest {
  readonly reference: PaymentReference;
  /** Øre. 0 only with `storeCard` (Nexi: register a card without charging). */
  readonly amount: number;
  /** Shown to the payer on the provider's page ("Indbetaling på Gladsaxekortet"). */
  readonly description: string;
  readonly returnUrl: string;
  readonly cancelUrl: string;
  /** The tenant's "Handelsbetingelser og vilkår" page. */
  readonly termsUrl: string;
  /** Nexi only: keep the card on file for later unscheduled charges (auto top-up). MobilePay refuses it. */
  readonly storeCard: boolean;
  /**
   * Where the provider sends this payment's events. Nexi registers hooks per payment; MobilePay
   * per sales unit (Webhooks API, done once by an operator), so its adapter does not use this.
   */
  readonly webhookUrl: string;
}

export interface HostedPayment {
  /** Nexi's paymentId, or MobilePay's reference (which is ours). */
  readonly providerPaymentId: string;
  /** The provider's page the payer is sent to. */
  readonly redirectUrl: string;
}

/** What the provider says a payment is now: the only basis on which money moves. */
export type ProviderPaymentState =
  /** Not decided yet: the payer is on the page, or the provider has not answered. */
  | { readonly status: 'pending' }
  /** Authorised but not captured (MobilePay before capture): capture, then read again. */
  | { readonly status: 'authorized'; readonly authorizedAmount: number }
  | {
      readonly status: 'completed';
      /** Øre actually charged (captured). */
      readonly chargedAmount: number;
      readonly card?: StoredCardDetails;
    }
  | { readonly status: 'failed' | 'cancelled'; readonly detail?: string };

export interface StoredCardDetails {
  /** "492500******0004" */
  readonly maskedPan?: string;
  /** "MMYY", as Nexi gives it. */
  readonly expiry?: string;
  /** Nexi's unscheduledSubscriptionId, when the card was stored. */
  readonly storedCardId?: string;
  readonly brand?: string;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  createHostedPayment(request: HostedPaymentRequest): Promise<HostedPayment>;
  readPayment(providerPaymentId: string): Promise<ProviderPaymentState>;
  /**
   * MobilePay: captures an authorised payment in full; repeating it captures nothing more.
   * Nexi: nothing to do, since its payments are created with auto-capture (checkout.charge) and
   * its readPayment never answers 'authorized'.
   */
  capture(providerPaymentId: string, amount: number): Promise<void>;
  /**
   * Ends a payment the payer left ("Annuller" on the provider's page), so it can never be paid
   * later: Nexi terminates the checkout, MobilePay cancels. A payment already paid is refused
   * by the provider (ProviderRejectedError) and stays paid; read it again either way.
   */
  cancel(providerPaymentId: string): Promise<void>;
  /**
   * What the provider has refunded of a payment. Read before every refund is sent and again
   * after any doubt (a lost answer, a restart): Nexi takes no idempotency key on refunds, so
   * this answer is how a refund already made is told from one never made.
   */
  readRefunds(providerPaymentId: string): Promise<ProviderRefundState>;
  /**
   * Pays `amount` of a captured payment back to the payer. Not safe to repeat blindly (Nexi
   * refunds again): read readRefunds first. A refusal (ProviderRejectedError) means nothing
   * was refunded; ProviderUnavailableError means it may or may not have been.
   */
  refund(request: RefundRequest): Promise<ProviderRefund>;
}

/** A payment's refunds as the provider has them. */
export interface ProviderRefundState {
  /** Øre the provider charged (captured) for the payment. */
  readonly chargedAmount: number;
  /**
   * Øre refunded of it, all refunds together, including those the provider accepted and is
   * still carrying out (they must not be asked for again). Refunds it failed do not count.
   */
  readonly refundedAmount: number;
  /**
   * What a refund is made against: Nexi refunds a charge (a payment of ours has exactly one),
   * MobilePay the payment itself. Undefined when the provider shows nothing to refund against
   * (no charge, or several), which only an operator can sort out.
   */
  readonly refundTarget: string | undefined;
}

export interface RefundRequest {
  readonly providerPaymentId: string;
  /** From readRefunds. */
  readonly refundTarget: string;
  /** Øre, > 0. */
  readonly amount: number;
  /** Ours, unique per refund: MobilePay's Idempotency-Key (a retry refunds once); Nexi has no such key. */
  readonly reference: PaymentReference;
  /** The refund's line, as the provider may show it. */
  readonly description: string;
}

export interface ProviderRefund {
  /** Nexi's refundId; MobilePay names no refund. */
  readonly providerRefundId?: string;
}

export interface StoredCardChargeRequest {
  readonly storedCardId: string;
  /** Øre, > 0. */
  readonly amount: number;
  /** Ours, unique per charge: a retry with the same reference never charges twice. */
  readonly reference: PaymentReference;
  readonly description: string;
  /** Unset: no events; the charger reads the charge's state itself (and asks again later). */
  readonly webhookUrl?: string;
}

export type StoredCardFailure = 'card_expired' | 'card_blocked' | 'no_funds' | 'declined';

export type StoredCardChargeState =
  | { readonly status: 'pending' }
  | {
      readonly status: 'succeeded';
      readonly providerPaymentId: string;
      readonly chargeId: string;
      readonly amount: number;
    }
  | { readonly status: 'failed'; readonly failure: StoredCardFailure; readonly detail?: string };

/**
 * Nexi's unscheduled card-on-file charges (auto top-up), through the bulk charge whose
 * externalBulkChargeId (our reference) makes a retry safe: sending the same reference again
 * charges nothing new and answers the first charge's state. So a worker that died after the
 * provider charged simply asks again with the same reference.
 */
export interface StoredCardCharger {
  charge(request: StoredCardChargeRequest): Promise<StoredCardChargeState>;
}

/** A provider did not answer as its API promises (network, 5xx, a body we cannot read). */
export class ProviderUnavailableError extends Error {
  constructor(
    readonly provider: ProviderName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A provider refused the request itself (4xx): our data or configuration is wrong. */
export class ProviderRejectedError extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
