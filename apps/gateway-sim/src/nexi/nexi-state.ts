import type { NexiMerchant } from '../merchant-credentials';
import type { NexiCheckout, NexiOrder, NexiOrderItem, NexiWebHook } from './nexi-api.types';
import type { CardBrand } from './test-cards';

/** What the sim keeps of a card: never the number, only its hash for "Identisk Transaktion". */
export interface StoredCard {
  readonly brand: CardBrand;
  readonly maskedPan: string;
  readonly expiryMonth: number;
  /** Four digits. */
  readonly expiryYear: number;
  readonly numberHash: string;
}

export interface NexiChargeRecord {
  readonly chargeId: string;
  readonly paymentId: string;
  readonly merchantId: number;
  readonly amount: number;
  readonly currency: string;
  readonly orderItems: readonly NexiOrderItem[];
  readonly created: Date;
  refundedAmount: number;
}

export interface NexiRefundRecord {
  readonly refundId: string;
  readonly chargeId: string;
  readonly paymentId: string;
  readonly merchantId: number;
  readonly amount: number;
  readonly currency: string;
  readonly orderItems?: readonly NexiOrderItem[];
  readonly created: Date;
}

export interface NexiPaymentRecord {
  readonly paymentId: string;
  readonly merchant: NexiMerchant;
  readonly order: NexiOrder;
  /** Absent for the payments an unscheduled charge makes: they have no checkout. */
  readonly checkout?: NexiCheckout;
  readonly webHooks: readonly NexiWebHook[];
  readonly createUnscheduledSubscription: boolean;
  readonly created: Date;
  card?: StoredCard;
  checkoutCompleted?: Date;
  terminated?: Date;
  unscheduledSubscriptionId?: string;
  reservedAmount: number;
  chargedAmount: number;
  refundedAmount: number;
  cancelledAmount: number;
  readonly charges: NexiChargeRecord[];
  readonly refunds: NexiRefundRecord[];
}

/** A stored card's standing at its issuer; the test controls switch it. */
export type StoredCardState = 'ok' | 'expired' | 'blocked' | 'no_funds' | 'declined';

export const STORED_CARD_STATES: readonly StoredCardState[] = ['ok', 'expired', 'blocked', 'no_funds', 'declined'];

export interface UnscheduledSubscriptionRecord {
  readonly unscheduledSubscriptionId: string;
  readonly merchantId: number;
  readonly card: StoredCard;
  readonly created: Date;
  state: StoredCardState;
}

export type BulkChargeStatus = 'Pending' | 'Succeeded' | 'Failed';

export interface BulkChargeResult {
  readonly unscheduledSubscriptionId: string;
  readonly paymentId?: string;
  readonly chargeId?: string;
  readonly status: BulkChargeStatus;
  readonly message?: string;
  readonly code?: string;
  readonly source?: string;
  readonly externalReference?: string;
}

export interface BulkChargeRecord {
  readonly bulkId: string;
  readonly merchantId: number;
  readonly externalBulkChargeId: string;
  readonly results: readonly BulkChargeResult[];
}

interface CardPayment {
  readonly merchantId: number;
  readonly numberHash: string;
  readonly amount: number;
  readonly at: number;
}

/** Everything the Nexi side holds, in memory. */
export class NexiState {
  readonly payments = new Map<string, NexiPaymentRecord>();
  readonly subscriptions = new Map<string, UnscheduledSubscriptionRecord>();
  readonly bulks = new Map<string, BulkChargeRecord>();
  /** `${merchantId}:${externalBulkChargeId}` → bulkId: the safe retry of a bulk charge. */
  readonly bulkIdsByExternalId = new Map<string, string>();
  private cardPayments: CardPayment[] = [];

  /** "Identisk Transaktion": was this card charged this amount by this merchant within the window? */
  isIdenticalTransaction(payment: Omit<CardPayment, 'at'>, now: Date, windowMs: number): boolean {
    const since = now.getTime() - windowMs;
    this.cardPayments = this.cardPayments.filter((earlier) => earlier.at > since);
    return this.cardPayments.some(
      (earlier) =>
        earlier.merchantId === payment.merchantId &&
        earlier.numberHash === payment.numberHash &&
        earlier.amount === payment.amount,
    );
  }

  rememberCardPayment(payment: Omit<CardPayment, 'at'>, now: Date): void {
    this.cardPayments.push({ ...payment, at: now.getTime() });
  }

  allCharges(): NexiChargeRecord[] {
    return [...this.payments.values()].flatMap((payment) => payment.charges);
  }

  allRefunds(): NexiRefundRecord[] {
    return [...this.payments.values()].flatMap((payment) => payment.refunds);
  }

  findCharge(chargeId: string): { payment: NexiPaymentRecord; charge: NexiChargeRecord } | undefined {
    for (const payment of this.payments.values()) {
      const charge = payment.charges.find((candidate) => candidate.chargeId === chargeId);
      if (charge) return { payment, charge };
    }
    return undefined;
  }

  reset(): void {
    this.payments.clear();
    this.subscriptions.clear();
    this.bulks.clear();
    this.bulkIdsByExternalId.clear();
    this.cardPayments = [];
  }
}
