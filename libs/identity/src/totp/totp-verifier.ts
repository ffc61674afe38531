import { verify } from '@otplib/totp';
import { base32, nodeCrypto } from './totp-plugins';

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
// One step either way: a phone clock half a minute off, or a code typed as it turned over.
const DRIFT_STEPS = 1;
const CODE_SHAPE = new RegExp(`^\\d{${TOTP_DIGITS}}$`);

/** `malformed`: not 6 digits; `wrong`: no match in the window; `replayed`: a step already used. */
export type TotpRefusal = 'malformed' | 'wrong' | 'replayed';

export type TotpVerification =
  { readonly ok: true; readonly step: number } | { readonly ok: false; readonly reason: TotpRefusal };

export interface TotpCodeInput {
  /** The login's base32 secret (opened from its TotpSecretBox ciphertext). */
  readonly secret: string;
  /** As typed. */
  readonly code: string;
  /** The step of the last code this login had accepted, or null: it and every earlier step are refused. */
  readonly lastUsedStep: number | null;
  /** The clock, for tests; the server's time otherwise. */
  readonly now?: Date;
}

/** Apps show "123 456"; people type "123-456" or paste with spaces around it. */
export function normalizeTotpCode(typed: string): string | undefined {
  const code = typed.replace(/[\s\-\u2010-\u2015\u2212]/gu, '');
  return CODE_SHAPE.test(code) ? code : undefined;
}

/**
 * RFC 6238 with SHA-1, 6 digits, 30 s steps and one step of drift. A code is good once: the
 * caller stores the returned step as the login's last used step, in the same statement that
 * checks it is still greater (two requests racing with one code), and counts a refusal of
 * any reason as a failed attempt, which it limits (every guess has 3 chances in 10^6).
 */
export async function verifyTotpCode(input: TotpCodeInput): Promise<TotpVerification> {
  const code = normalizeTotpCode(input.code);
  if (code === undefined) return { ok: false, reason: 'malformed' };
  const result = await verify({
    secret: input.secret,
    token: code,
    epoch: Math.floor((input.now ?? new Date()).getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    epochTolerance: DRIFT_STEPS * TOTP_PERIOD_SECONDS,
    crypto: nodeCrypto,
    base32,
  });
  if (!result.valid) return { ok: false, reason: 'wrong' };
  // Checked here rather than with otplib's afterTimeStep, which throws once the last used
  // step lies ahead of the window (a clock set back) and cannot tell a replay from a typo.
  if (input.lastUsedStep !== null && result.timeStep <= input.lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step: result.timeStep };
}
