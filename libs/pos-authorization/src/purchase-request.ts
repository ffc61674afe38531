import { createHash } from 'node:crypto';
import { normalizeCardNumber } from '@kk/cardholders';

export const MAX_PURCHASE_AMOUNT = 10_000_000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,64}$/;
const CARD_NUMBER = /^[A-Z0-9]{1,64}$/;

export interface PurchaseRequest {
  readonly idempotencyKey: string;
  readonly cardNumber: string;
  readonly amount: number;
  readonly description: string | null;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parseCardNumber(input: unknown): Parsed<string> {
  if (typeof input !== 'string') return { ok: false, errors: [{ field: 'cardNumber', message: 'must be a string' }] };
  const cardNumber = normalizeCardNumber(input);
  if (!CARD_NUMBER.test(cardNumber)) {
    return { ok: false, errors: [{ field: 'cardNumber', message: 'must be 1–64 letters or digits' }] };
  }
  return { ok: true, value: cardNumber };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parsePurchaseRequest(idempotencyKey: unknown, body: unknown): Parsed<PurchaseRequest> {
  const errors: FieldError[] = [];
  if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    errors.push({ field: 'Idempotency-Key', message: 'header required: 1–64 of A-Z a-z 0-9 . _ : -' });
  }
  if (!isRecord(body)) {
    errors.push({ field: 'body', message: 'must be a JSON object' });
    return { ok: false, errors };
  }
  const allowed = new Set(['cardNumber', 'amount', 'description']);
  for (const key of Object.keys(body)) {
    if (!allowed.has(key)) errors.push({ field: key, message: 'is not a known field' });
  }
  const card = parseCardNumber(body.cardNumber);
  if (!card.ok) errors.push(...card.errors);
  const amount = body.amount;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > MAX_PURCHASE_AMOUNT) {
    errors.push({ field: 'amount', message: `must be an integer number of øre, 1–${MAX_PURCHASE_AMOUNT}` });
  }
  const description = body.description;
  if (
    description !== undefined &&
    description !== null &&
    (typeof description !== 'string' || description.length > 200)
  ) {
    errors.push({ field: 'description', message: 'must be a string of at most 200 characters' });
  }
  if (errors.length || !card.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      idempotencyKey: idempotencyKey as string,
      cardNumber: card.value,
      amount: amount as number,
      description: typeof description === 'string' ? description : null,
    },
  };
}

/** What "the same body" means for a retried key. */
export function purchaseRequestHash(request: PurchaseRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.cardNumber, request.amount, request.description]))
    .digest('base64url');
}
