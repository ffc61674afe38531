import { randomBytes } from 'node:crypto';
import { uuid } from '../ids';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { validationProblem, notFoundProblem, type ExtraDetail } from './mobilepay-problems';
import { signedWebhookHeaders } from './webhook-signature';

export const EPAYMENT_EVENT_NAMES = [
  'CREATED',
  'ABORTED',
  'EXPIRED',
  'CANCELLED',
  'CAPTURED',
  'REFUNDED',
  'AUTHORIZED',
  'TERMINATED',
] as const;

export type EPaymentEventName = (typeof EPAYMENT_EVENT_NAMES)[number];

/** One entry of a payment's event log, and the body of its webhook (with msn). */
export interface EPaymentEvent {
  readonly reference: string;
  readonly pspReference: string;
  readonly name: EPaymentEventName;
  readonly amount: { readonly currency: string; readonly value: number };
  readonly timestamp: string;
  readonly idempotencyKey: string | null;
  readonly success: boolean;
}

interface Registration {
  readonly id: string;
  readonly msn: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly secret: string;
}

// Webhooks API: "At most 5 webhooks can be registered per event".
const MAX_PER_EVENT = 5;

export function webhookEventType(name: EPaymentEventName): string {
  return `epayments.payment.${name.toLowerCase()}.v1`;
}

const KNOWN_EVENT_TYPES = new Set(EPAYMENT_EVENT_NAMES.map(webhookEventType));

/** Vipps MobilePay's Webhooks API for ePayment events: registrations per sales unit, signed deliveries. */
export class MobilePayWebhooksService {
  private registrations: Registration[] = [];

  constructor(private readonly dispatcher: WebhookDispatcher) {}

  register(msn: string, body: unknown): { id: string; secret: string } {
    const request = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const problems: ExtraDetail[] = [];
    const { url, events } = request;
    if (typeof url !== 'string' || !/^https?:\/\/[^/]+/.test(url)) {
      problems.push({ name: 'url', reason: 'The property is mandatory: an absolute http(s) URL.' });
    }
    if (
      !Array.isArray(events) ||
      events.length === 0 ||
      !events.every((e) => typeof e === 'string' && KNOWN_EVENT_TYPES.has(e))
    ) {
      problems.push({ name: 'events', reason: `A list of ${[...KNOWN_EVENT_TYPES].join(', ')}.` });
    }
    if (problems.length > 0 || typeof url !== 'string' || !Array.isArray(events)) throw validationProblem(problems);
    const types = events.filter((e): e is string => typeof e === 'string');
    const full = types.find(
      (type) => this.registrations.filter((r) => r.msn === msn && r.events.includes(type)).length >= MAX_PER_EVENT,
    );
    if (full)
      throw validationProblem([{ name: 'events', reason: `At most ${MAX_PER_EVENT} webhooks per event (${full}).` }]);
    const registration: Registration = {
      id: uuid(),
      msn,
      url,
      events: types,
      secret: randomBytes(64).toString('base64'),
    };
    this.registrations.push(registration);
    return { id: registration.id, secret: registration.secret };
  }

  list(msn: string): { webhooks: { id: string; url: string; events: readonly string[] }[] } {
    return {
      webhooks: this.registrations.filter((r) => r.msn === msn).map(({ id, url, events }) => ({ id, url, events })),
    };
  }

  remove(msn: string, id: string): void {
    const before = this.registrations.length;
    this.registrations = this.registrations.filter((r) => !(r.msn === msn && r.id === id));
    if (this.registrations.length === before) throw notFoundProblem(`No webhook ${id} for this sales unit.`);
  }

  publish(msn: string, event: EPaymentEvent): void {
    const type = webhookEventType(event.name);
    const body = JSON.stringify({ msn, ...event });
    for (const registration of this.registrations.filter((r) => r.msn === msn && r.events.includes(type))) {
      this.dispatcher.publish({
        provider: 'mobilepay',
        eventId: uuid(),
        eventName: type,
        orderingKey: `${msn}:${event.reference}`,
        url: registration.url,
        body,
        headers: (at) => signedWebhookHeaders(registration.secret, registration.url, body, at),
        // "in order per payment": a later event waits until an earlier one is accepted or given up.
        blocksLaterEvents: true,
        // Only 4xx and 5xx answers are retried.
        isAcknowledgement: (status) => status < 400,
      });
    }
  }

  reset(): void {
    this.registrations = [];
  }
}
