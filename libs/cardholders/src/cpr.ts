/**
 * Danish CPR numbers (DDMMYY-SSSS). Validation is "10 digits and a real date" only:
 * numbers without the modulus-11 check digit have been issued since 2007, and the CPR
 * office says systems must accept them. Messages are Danish; they never echo the number.
 */
export type CprValidation =
  { readonly ok: true; readonly cpr: string } | { readonly ok: false; readonly message: string };

export const CPR_MESSAGES = {
  missing: 'CPR-nummeret mangler',
  notTenDigits: 'CPR-nummeret skal være 10 cifre',
  invalidDate: 'CPR-nummeret indeholder ikke en gyldig dato',
} as const;

const CPR_INPUT = /^(\d{6})-?(\d{4})$/;

/** `DDMMYYSSSS` or `DDMMYY-SSSS` (surrounding space ignored) -> `DDMMYYSSSS`; anything else comes back trimmed. */
export function normalizeCpr(input: string): string {
  const trimmed = input.trim();
  const match = CPR_INPUT.exec(trimmed);
  return match ? match[1] + match[2] : trimmed;
}

export function validateCpr(input: string): CprValidation {
  const cpr = normalizeCpr(input);
  if (cpr === '') return { ok: false, message: CPR_MESSAGES.missing };
  if (!/^\d{10}$/.test(cpr)) return { ok: false, message: CPR_MESSAGES.notTenDigits };
  if (!cprBirthDate(cpr)) return { ok: false, message: CPR_MESSAGES.invalidDate };
  return { ok: true, cpr };
}

/** Shown wherever a CPR must be recognisable but not readable (CPR-loven § 54). */
export function maskCpr(cpr: string): string {
  const normalized = normalizeCpr(cpr);
  return /^\d{10}$/.test(normalized) ? `${normalized.slice(0, 6)}-XXXX` : 'XXXXXX-XXXX';
}

/** The birth date a 10-digit CPR encodes, or undefined when it names no real day. */
export function cprBirthDate(cpr: string): { year: number; month: number; day: number } | undefined {
  if (!/^\d{10}$/.test(cpr)) return undefined;
  const day = Number(cpr.slice(0, 2));
  const month = Number(cpr.slice(2, 4));
  const yy = Number(cpr.slice(4, 6));
  const year = centuryOf(Number(cpr[6]), yy) + yy;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

// The century follows from the 7th digit and YY (CPR office table).
function centuryOf(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST surprises.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
