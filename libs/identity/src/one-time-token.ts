import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Secrets sent by email (reset links, resume links, activation codes). Only their SHA-256
 * is stored, so a copy of the database opens nothing. A 256-bit token needs no slow hash:
 * there is nothing to guess. A 6-digit code could be brute-forced from its hash, so its
 * hash is bound to the sign-up it belongs to, it lives 30 minutes and allows 5 tries.
 */
const TOKEN_BYTES = 32;
export const ACTIVATION_CODE_DIGITS = 6;

/** 32 random bytes, base64url: safe in a URL path or query without escaping. */
export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A uniformly random 6-digit code, leading zeros kept ("004217"). */
export function generateActivationCode(): string {
  return String(randomInt(0, 10 ** ACTIVATION_CODE_DIGITS)).padStart(ACTIVATION_CODE_DIGITS, '0');
}

/** People paste codes with spaces or dashes ("004 217"); only the digits count. */
export function normalizeActivationCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function isActivationCodeShape(code: string): boolean {
  return new RegExp(`^\\d{${ACTIVATION_CODE_DIGITS}}$`).test(code);
}

/** Salted with the sign-up id, so one precomputed table of 10^6 hashes fits no sign-up. */
export function hashActivationCode(signupId: string, code: string): Buffer {
  return createHash('sha256').update(`kantinekort-activation:${signupId}:${code}`, 'utf8').digest();
}

/** Constant-time equality of two stored hashes (length differences return false at once). */
export function hashesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
