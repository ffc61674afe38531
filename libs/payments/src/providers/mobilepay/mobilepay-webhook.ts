import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual } from '../constant-time-equal';
import { parseWebhookBody, type WebhookParseResult } from '../webhook-parse-result';

/** How far x-ms-date may be from our clock: beyond it a captured request is not replayed. */
export const MOBILEPAY_WEBHOOK_MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface MobilePayWebhookRequest {
  readonly method: string;
  /** The path and query the provider posted to, as in the registered URL ("/webhooks/mobilepay?t=1"). */
  readonly pathAndQuery: string;
  /** The host of the registered webhook URL (with the port, if it has one), as the provider signed it. */
  readonly host: string;
  /** Node's request headers (lower-case names) or any record like it. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body exactly as received: the hash is over these bytes, not over re-serialised JSON. */
  readonly rawBody: Buffer | string;
  /** The secret the webhook registration answered with. */
  readonly secret: string;
  readonly now?: Date | number;
}

/**
 * Vipps MobilePay's webhook authentication: x-ms-content-sha256 is base64(SHA-256(body)), and
 * the Authorization header is "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&
 * Signature=" + base64(HMAC-SHA256(secret, "POST\n{pathAndQuery}\n{x-ms-date};{host};{hash}")).
 * Every comparison is constant-time, and a date far from now is refused, so a recorded request
 * cannot be replayed later.
 */
export function verifyMobilePayWebhook(request: MobilePayWebhookRequest): boolean {
  if (!request.secret || request.method.toUpperCase() !== 'POST') return false;
  const date = singleHeader(request.headers, 'x-ms-date');
  const contentHash = singleHeader(request.headers, 'x-ms-content-sha256');
  const authorization = singleHeader(request.headers, 'authorization');
  if (date === undefined || contentHash === undefined || authorization === undefined) return false;

  const sentAt = Date.parse(date);
  const now = request.now === undefined ? Date.now() : Number(request.now);
  if (Number.isNaN(sentAt) || Math.abs(now - sentAt) > MOBILEPAY_WEBHOOK_MAX_CLOCK_SKEW_MS) return false;

  const bodyHash = createHash('sha256').update(request.rawBody).digest('base64');
  const signedText = `POST\n${request.pathAndQuery}\n${date};${request.host};${contentHash}`;
  const signature = createHmac('sha256', request.secret).update(signedText, 'utf8').digest('base64');
  const expectedAuthorization = `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`;

  // Both checks run whatever the first one says, so the time taken tells nothing either.
  const bodyMatches = constantTimeEqual(contentHash, bodyHash);
  const signatureMatches = constantTimeEqual(authorization, expectedAuthorization);
  return bodyMatches && signatureMatches;
}

function singleHeader(headers: MobilePayWebhookRequest['headers'], name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface MobilePayWebhookEvent {
  readonly merchantSerialNumber: string;
  readonly reference: string;
  readonly pspReference: string;
  /** The event: CREATED, AUTHORIZED, CAPTURED, CANCELLED, REFUNDED, ABORTED, EXPIRED, TERMINATED. */
  readonly name: string;
  readonly amount: { readonly currency: string; readonly value: number };
  readonly timestamp: string;
  /** The Idempotency-Key of the request that caused the event; null for the payer's own acts. */
  readonly idempotencyKey: string | null;
  readonly success: boolean;
}

const mobilePayWebhookSchema = z
  .object({
    msn: z.string().min(1),
    reference: z.string().min(1),
    pspReference: z.string().min(1),
    name: z.string().min(1),
    amount: z.object({ currency: z.string().min(1), value: z.number().int().nonnegative() }),
    timestamp: z.string().min(1),
    idempotencyKey: z.string().nullish(),
    success: z.boolean(),
  })
  .transform((body): MobilePayWebhookEvent => ({
    merchantSerialNumber: body.msn,
    reference: body.reference,
    pspReference: body.pspReference,
    name: body.name,
    amount: body.amount,
    timestamp: body.timestamp,
    idempotencyKey: body.idempotencyKey ?? null,
    success: body.success,
  }));

export function parseMobilePayWebhook(body: unknown): WebhookParseResult<MobilePayWebhookEvent> {
  return parseWebhookBody(body, mobilePayWebhookSchema);
}
