import { z } from 'zod';

// The parts of the Vipps MobilePay Access Token API and ePayment API v1 we send and read.
// Responses are read leniently (unknown fields ignored); what we act on is checked.

const MINOR_UNITS = z.number().int().nonnegative();
const DESCRIPTION_MIN = 3;
const DESCRIPTION_MAX = 100;

const mobilePayAmountSchema = z.object({ currency: z.string(), value: MINOR_UNITS });

/** 200 from POST /accesstoken/get. The lifetimes are strings of seconds ("3599"). */
export const mobilePayAccessTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number),
});

/** 201 from POST /epayment/v1/payments. */
export const mobilePayCreatePaymentResponseSchema = z.object({
  redirectUrl: z.string().url(),
  reference: z.string().min(1),
});

export const MOBILEPAY_PAYMENT_STATES = ['CREATED', 'ABORTED', 'EXPIRED', 'AUTHORIZED', 'TERMINATED'] as const;

/** 200 from GET /epayment/v1/payments/{reference}. */
export const mobilePayPaymentSchema = z.object({
  reference: z.string().min(1),
  state: z.enum(MOBILEPAY_PAYMENT_STATES),
  amount: mobilePayAmountSchema,
  aggregate: z.object({
    authorizedAmount: mobilePayAmountSchema,
    cancelledAmount: mobilePayAmountSchema,
    capturedAmount: mobilePayAmountSchema,
    refundedAmount: mobilePayAmountSchema,
  }),
  pspReference: z.string().nullish(),
});

export type MobilePayPayment = z.infer<typeof mobilePayPaymentSchema>;

/** 200 from POST …/{reference}/capture (and the other modifications). */
export const mobilePayModificationResponseSchema = z.object({
  reference: z.string().min(1),
  state: z.enum(MOBILEPAY_PAYMENT_STATES),
  aggregate: z.object({ capturedAmount: mobilePayAmountSchema }),
});

export function dkk(value: number) {
  return { currency: 'DKK', value };
}

/** MobilePay takes 3–100 characters and shows them in the app and on the settlement. */
export function mobilePayDescription(description: string): string {
  const trimmed = description.trim().slice(0, DESCRIPTION_MAX);
  return trimmed.length >= DESCRIPTION_MIN ? trimmed : trimmed.padEnd(DESCRIPTION_MIN, '.');
}
