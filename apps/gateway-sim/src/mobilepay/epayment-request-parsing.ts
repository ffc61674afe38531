import { validationProblem, type ExtraDetail } from './mobilepay-problems';

/** Minor units (øre), as the ePayment API's Amount object. */
export interface EPaymentAmount {
  readonly currency: 'DKK';
  readonly value: number;
}

export interface CreateEPaymentRequest {
  readonly amount: EPaymentAmount;
  readonly phoneNumber?: string;
  readonly reference: string;
  readonly returnUrl: string;
  readonly paymentDescription?: string;
}

export const REFERENCE_PATTERN = /^[a-zA-Z0-9-]{8,50}$/;
const MAX_AMOUNT = 65_000_000;

type JsonObject = Readonly<Record<string, unknown>>;

/** The Idempotency-Key header every ePayment write carries: required, at most 50 characters. */
export function parseIdempotencyKey(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || value === '' || value.length > 50) {
    throw validationProblem([{ name: 'Idempotency-Key', reason: 'The header is required and at most 50 characters.' }]);
  }
  return value;
}

/** `POST /epayment/v1/payments`: the subset the sim serves (WALLET, WEB_REDIRECT, DKK). */
export function parseCreateEPayment(body: unknown): CreateEPaymentRequest {
  const problems: ExtraDetail[] = [];
  const root = asObject(body);
  if (!root) throw validationProblem([{ name: 'body', reason: 'The body is a JSON object.' }]);
  const amount = parseAmount(root.amount, 'amount', problems, 1);
  const method = asObject(root.paymentMethod);
  if (method?.type !== 'WALLET') problems.push({ name: 'paymentMethod.type', reason: 'The sim serves WALLET only.' });
  const customer = root.customer === undefined ? undefined : asObject(root.customer);
  const phoneNumber = customer?.phoneNumber;
  if (root.customer !== undefined && (typeof phoneNumber !== 'string' || !/^\d{10,15}$/.test(phoneNumber))) {
    problems.push({ name: 'customer.phoneNumber', reason: 'An MSISDN: 10 to 15 digits, country code first.' });
  }
  const reference = root.reference;
  if (typeof reference !== 'string' || !REFERENCE_PATTERN.test(reference)) {
    problems.push({ name: 'reference', reason: 'Must match ^[a-zA-Z0-9-]{8,50}$.' });
  }
  if (root.userFlow !== 'WEB_REDIRECT')
    problems.push({ name: 'userFlow', reason: 'The sim serves WEB_REDIRECT only.' });
  const returnUrl = root.returnUrl;
  if (typeof returnUrl !== 'string' || !isHttpUrl(returnUrl)) {
    problems.push({ name: 'returnUrl', reason: 'Required for WEB_REDIRECT: an absolute http(s) URL.' });
  }
  const description = root.paymentDescription;
  if (
    description !== undefined &&
    (typeof description !== 'string' || description.length < 3 || description.length > 100)
  ) {
    problems.push({ name: 'paymentDescription', reason: 'From 3 to 100 characters.' });
  }
  if (problems.length > 0 || !amount || typeof reference !== 'string' || typeof returnUrl !== 'string') {
    throw validationProblem(problems);
  }
  return {
    amount,
    reference,
    returnUrl,
    ...(typeof phoneNumber === 'string' ? { phoneNumber } : {}),
    ...(typeof description === 'string' ? { paymentDescription: description } : {}),
  };
}

/** `POST …/capture` and `…/refund`: `{ modificationAmount }`. */
export function parseModificationAmount(body: unknown): EPaymentAmount {
  const problems: ExtraDetail[] = [];
  const amount = parseAmount(asObject(body)?.modificationAmount, 'modificationAmount', problems, 1);
  if (!amount) throw validationProblem(problems);
  return amount;
}

function parseAmount(value: unknown, name: string, problems: ExtraDetail[], min: number): EPaymentAmount | undefined {
  const amount = asObject(value);
  const ok = amount?.currency === 'DKK' && Number.isSafeInteger(amount.value);
  const minor = typeof amount?.value === 'number' ? amount.value : NaN;
  if (!ok || minor < min || minor > MAX_AMOUNT) {
    problems.push({
      name,
      reason: `{ currency: "DKK", value } with value a whole number of øre from ${min} to ${MAX_AMOUNT}.`,
    });
    return undefined;
  }
  return { currency: 'DKK', value: minor };
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
