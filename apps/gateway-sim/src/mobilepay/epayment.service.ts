import type { Clock } from '../clock';
import { pageToken, pspReference } from '../ids';
import type { MobilePayMerchant } from '../merchant-credentials';
import type { PublicUrl } from '../public-url';
import type { CreateEPaymentRequest, EPaymentAmount } from './epayment-request-parsing';
import { IdempotentAnswers } from './idempotent-answers';
import { conflictProblem, notFoundProblem, validationProblem } from './mobilepay-problems';
import type { EPaymentEvent, EPaymentEventName, MobilePayWebhooksService } from './mobilepay-webhooks.service';

export type EPaymentState = 'CREATED' | 'ABORTED' | 'EXPIRED' | 'AUTHORIZED' | 'TERMINATED';

export interface EPaymentRecord {
  readonly msn: string;
  readonly reference: string;
  readonly pspReference: string;
  readonly amount: EPaymentAmount;
  readonly returnUrl: string;
  readonly phoneNumber?: string;
  readonly paymentDescription?: string;
  readonly created: Date;
  readonly token: string;
  state: EPaymentState;
  authorized: number;
  captured: number;
  refunded: number;
  cancelled: number;
  readonly events: EPaymentEvent[];
}

/** Where the landing page ("the phone") is; Vipps MobilePay's own is landing.vipps.no. */
export const LANDING_PAGE_PATH = '/mobilepay/landing';

/** A payment nobody acts on expires; the landing page's time, as in the test environment. */
export const PAYMENT_EXPIRY_MS = 5 * 60_000;

type CreateAnswer = { readonly redirectUrl: string; readonly reference: string };
type Json = Record<string, unknown>;

export type LandingPage =
  | { readonly kind: 'open'; readonly payment: EPaymentRecord }
  | { readonly kind: 'closed'; readonly payment: EPaymentRecord }
  | { readonly kind: 'unknown' };

/** The ePayment API's rules: create (idempotent), the user's answer, capture, cancel, refund, the event log. */
export class EPaymentService {
  private readonly payments = new Map<string, EPaymentRecord>();
  private readonly keysByToken = new Map<string, string>();
  private readonly creates = new IdempotentAnswers<CreateAnswer>();
  private readonly modifications = new IdempotentAnswers<Json>();

  constructor(
    private readonly webhooks: MobilePayWebhooksService,
    private readonly clock: Clock,
    private readonly publicUrl: PublicUrl,
  ) {}

  create(merchant: MobilePayMerchant, idempotencyKey: string, request: CreateEPaymentRequest): CreateAnswer {
    const msn = merchant.merchantSerialNumber;
    const answerKey = `${msn}:${idempotencyKey}`;
    const earlier = this.creates.replay(answerKey, request);
    if (earlier) return earlier;
    const key = paymentKey(msn, request.reference);
    if (this.payments.has(key)) throw conflictProblem(`A payment with reference ${request.reference} already exists.`);
    const payment: EPaymentRecord = {
      msn,
      reference: request.reference,
      pspReference: pspReference(),
      amount: request.amount,
      returnUrl: request.returnUrl,
      ...(request.phoneNumber === undefined ? {} : { phoneNumber: request.phoneNumber }),
      ...(request.paymentDescription === undefined ? {} : { paymentDescription: request.paymentDescription }),
      created: this.clock.now(),
      token: pageToken(),
      state: 'CREATED',
      authorized: 0,
      captured: 0,
      refunded: 0,
      cancelled: 0,
      events: [],
    };
    this.payments.set(key, payment);
    this.keysByToken.set(payment.token, key);
    this.record(payment, 'CREATED', payment.amount.value, idempotencyKey);
    return this.creates.remember(answerKey, request, {
      redirectUrl: this.redirectUrl(payment),
      reference: payment.reference,
    });
  }

  retrieve(merchant: MobilePayMerchant, reference: string): Json {
    const payment = this.owned(merchant, reference);
    return {
      aggregate: {
        authorizedAmount: dkk(payment.authorized),
        cancelledAmount: dkk(payment.cancelled),
        capturedAmount: dkk(payment.captured),
        refundedAmount: dkk(payment.refunded),
      },
      amount: payment.amount,
      state: payment.state,
      paymentMethod: { type: 'WALLET' },
      profile: {},
      pspReference: payment.pspReference,
      redirectUrl: this.redirectUrl(payment),
      reference: payment.reference,
    };
  }

  events(merchant: MobilePayMerchant, reference: string): readonly EPaymentEvent[] {
    return this.owned(merchant, reference).events;
  }

  capture(merchant: MobilePayMerchant, reference: string, idempotencyKey: string, amount: EPaymentAmount): Json {
    return this.modify(merchant, reference, 'capture', idempotencyKey, amount, (payment) => {
      if (payment.state !== 'AUTHORIZED') throw conflictProblem(`A ${payment.state} payment cannot be captured.`);
      const left = payment.authorized - payment.captured - payment.cancelled;
      if (amount.value > left) throw tooMuch('capture', left);
      payment.captured += amount.value;
      this.record(payment, 'CAPTURED', amount.value, idempotencyKey);
    });
  }

  refund(merchant: MobilePayMerchant, reference: string, idempotencyKey: string, amount: EPaymentAmount): Json {
    return this.modify(merchant, reference, 'refund', idempotencyKey, amount, (payment) => {
      const left = payment.captured - payment.refunded;
      if (left === 0) throw conflictProblem('Nothing is captured that could be refunded.');
      if (amount.value > left) throw tooMuch('refund', left);
      payment.refunded += amount.value;
      this.record(payment, 'REFUNDED', amount.value, idempotencyKey);
    });
  }

  /** Before the user answers: TERMINATED. Authorized: the part not captured is cancelled. */
  cancel(merchant: MobilePayMerchant, reference: string, idempotencyKey: string): Json {
    return this.modify(merchant, reference, 'cancel', idempotencyKey, {}, (payment) => {
      if (payment.state === 'CREATED') {
        payment.state = 'TERMINATED';
        return this.record(payment, 'TERMINATED', payment.amount.value, idempotencyKey);
      }
      const left = payment.authorized - payment.captured - payment.cancelled;
      if (payment.state !== 'AUTHORIZED' || left === 0) {
        throw conflictProblem(`A ${payment.state} payment with nothing left to capture cannot be cancelled.`);
      }
      payment.cancelled += left;
      if (payment.captured === 0) payment.state = 'TERMINATED';
      this.record(payment, 'CANCELLED', left, idempotencyKey);
    });
  }

  landing(token: string): LandingPage {
    const key = this.keysByToken.get(token);
    const payment = key === undefined ? undefined : this.payments.get(key);
    if (!payment) return { kind: 'unknown' };
    this.expireIfDue(payment);
    return payment.state === 'CREATED' ? { kind: 'open', payment } : { kind: 'closed', payment };
  }

  /** The user's answer in the app: approve (AUTHORIZED) or reject (ABORTED). */
  decide(payment: EPaymentRecord, approve: boolean): void {
    this.expireIfDue(payment);
    if (payment.state !== 'CREATED') return;
    if (approve) {
      payment.state = 'AUTHORIZED';
      payment.authorized = payment.amount.value;
      this.record(payment, 'AUTHORIZED', payment.amount.value, null);
    } else {
      payment.state = 'ABORTED';
      this.record(payment, 'ABORTED', payment.amount.value, null);
    }
  }

  /** The test environment's force-approve, for tests that skip the landing page. */
  forceApprove(merchant: MobilePayMerchant, reference: string): void {
    const payment = this.owned(merchant, reference);
    if (payment.state !== 'CREATED') throw conflictProblem(`A ${payment.state} payment cannot be approved.`);
    this.decide(payment, true);
  }

  /** Test control: the payment times out now. */
  expire(msn: string, reference: string): EPaymentRecord | undefined {
    const payment = this.payments.get(paymentKey(msn, reference));
    if (payment) this.expireNow(payment);
    return payment;
  }

  allPayments(): readonly EPaymentRecord[] {
    return [...this.payments.values()];
  }

  reset(): void {
    this.payments.clear();
    this.keysByToken.clear();
    this.creates.clear();
    this.modifications.clear();
  }

  private modify(
    merchant: MobilePayMerchant,
    reference: string,
    operation: string,
    idempotencyKey: string,
    request: unknown,
    change: (payment: EPaymentRecord) => void,
  ): Json {
    const answerKey = `${merchant.merchantSerialNumber}:${reference}:${operation}:${idempotencyKey}`;
    const earlier = this.modifications.replay(answerKey, request);
    if (earlier) return earlier;
    const payment = this.owned(merchant, reference);
    change(payment);
    const { aggregate } = this.retrieve(merchant, reference);
    const answer = {
      amount: payment.amount,
      state: payment.state,
      aggregate,
      pspReference: payment.pspReference,
      reference,
    };
    return this.modifications.remember(answerKey, request, answer);
  }

  private record(payment: EPaymentRecord, name: EPaymentEventName, value: number, idempotencyKey: string | null): void {
    const event: EPaymentEvent = {
      reference: payment.reference,
      pspReference: payment.pspReference,
      name,
      amount: dkk(value),
      timestamp: this.clock.now().toISOString(),
      idempotencyKey,
      success: true,
    };
    payment.events.push(event);
    this.webhooks.publish(payment.msn, event);
  }

  private expireIfDue(payment: EPaymentRecord): void {
    const due = payment.created.getTime() + PAYMENT_EXPIRY_MS;
    if (this.clock.now().getTime() >= due) this.expireNow(payment);
  }

  private expireNow(payment: EPaymentRecord): void {
    if (payment.state !== 'CREATED') return;
    payment.state = 'EXPIRED';
    this.record(payment, 'EXPIRED', payment.amount.value, null);
  }

  private owned(merchant: MobilePayMerchant, reference: string): EPaymentRecord {
    const payment = this.payments.get(paymentKey(merchant.merchantSerialNumber, reference));
    if (!payment) throw notFoundProblem(`No payment with reference ${reference}.`);
    this.expireIfDue(payment);
    return payment;
  }

  private redirectUrl(payment: EPaymentRecord): string {
    return this.publicUrl.to(LANDING_PAGE_PATH, { token: payment.token });
  }
}

function paymentKey(msn: string, reference: string): string {
  return `${msn}:${reference}`;
}

function dkk(value: number): EPaymentAmount {
  return { currency: 'DKK', value };
}

function tooMuch(operation: 'capture' | 'refund', left: number) {
  return validationProblem([{ name: 'modificationAmount', reason: `At most ${left} is left to ${operation}.` }]);
}
