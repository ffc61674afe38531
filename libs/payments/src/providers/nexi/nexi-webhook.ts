import { z } from 'zod';
import { constantTimeEqual } from '../constant-time-equal';
import { parseWebhookBody, type WebhookParseResult } from '../webhook-parse-result';

/**
 * Nexi signs nothing: the `authorization` we set on each webhook comes back verbatim as the
 * Authorization header, a shared secret. So the check is a constant-time comparison, and a
 * verified event still only tells us which payment to read again from the API.
 */
export function verifyNexiWebhook(authorizationHeader: string | undefined, expected: string): boolean {
  if (!expected || typeof authorizationHeader !== 'string' || authorizationHeader === '') return false;
  return constantTimeEqual(authorizationHeader, expected);
}

export interface NexiWebhookEvent {
  /** Unique per event (Nexi retries with the same id): the key to deduplicate on. */
  readonly eventId: string;
  /** e.g. "payment.charge.created.v2". */
  readonly event: string;
  readonly paymentId: string;
  readonly chargeId?: string;
  readonly timestamp: string;
}

// The documented envelope {id, merchantId|merchantNumber, timestamp, event, data:{paymentId, …}};
// everything else in data differs per event and is not needed to act (we read the payment).
const nexiWebhookSchema = z
  .object({
    id: z.string().min(1),
    merchantId: z.union([z.number(), z.string()]).optional(),
    merchantNumber: z.union([z.number(), z.string()]).optional(),
    timestamp: z.string().min(1),
    event: z.string().min(1),
    data: z.object({
      paymentId: z.string().min(1),
      chargeId: z.string().min(1).optional(),
      amount: z.object({ amount: z.number().int(), currency: z.string() }).optional(),
    }),
  })
  .refine((body) => body.merchantId !== undefined || body.merchantNumber !== undefined, {
    message: 'merchantId or merchantNumber is required',
    path: ['merchantId'],
  })
  .transform((body): NexiWebhookEvent => ({
    eventId: body.id,
    event: body.event,
    paymentId: body.data.paymentId,
    ...(body.data.chargeId ? { chargeId: body.data.chargeId } : {}),
    timestamp: body.timestamp,
  }));

export function parseNexiWebhook(body: unknown): WebhookParseResult<NexiWebhookEvent> {
  return parseWebhookBody(body, nexiWebhookSchema);
}
