import { createHash } from 'node:crypto';
import { normalizeCardNumber } from '@kk/cardholders';

export const MAX_PURCHASE_AMOUNT = 10_000_000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,64}$/;
const CARD_NUMBER = /^[A-Z0-9]{1,64}$/;
export const MAX_DESCRIPTION_LENGTH = 200;
// With the u flag a surrogate pair is one code point, so only an unpaired half is \p{Cs}.
const UNPAIRED_SURROGATE = /\p{Cs}/u;

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

/**
 * The description is printed on receipts and statements. Control characters have no place
 * there, and a NUL cannot be stored in PostgreSQL text at all: refusing them here makes a
 * request that could never succeed a 400 rather than a 500 inviting retries. An unpaired
 * surrogate is not text either (it would be stored as U+FFFD).
 */
function descriptionError(description: unknown): string | undefined {
  if (description === undefined || description === null) return undefined;
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION_LENGTH) {
    return `must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters`;
  }
  if (hasControlCharacter(description)) return 'must not contain control characters (U+0000–U+001F, U+007F–U+009F)';
  if (UNPAIRED_SURROGATE.test(description)) return 'must be valid Unicode text (no unpaired surrogates)';
  return undefined;
}

/** C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
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
  const descriptionProblem = descriptionError(description);
  if (descriptionProblem) errors.push({ field: 'description', message: descriptionProblem });
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
