/** Amounts are integer øre. These guards sit at every edge where a number enters. */
export class InvalidAmountError extends Error {}

export function assertOre(value: unknown, what = 'amount'): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InvalidAmountError(`${what} must be a whole number of øre`);
  }
}

/** Parses a decimal string of øre ("3500") strictly: no signs, decimals or exponents. */
export function parseOre(text: string, what = 'amount'): number {
  if (!/^\d{1,15}$/.test(text)) throw new InvalidAmountError(`${what} must be a positive whole number of øre`);
  const value = Number(text);
  assertOre(value, what);
  return value;
}

/** bigint columns arrive from pg as strings; they are always within the safe range here. */
export function oreFromDb(value: string | number | null): number | null {
  if (value === null) return null;
  const n = typeof value === 'number' ? value : Number(value);
  assertOre(n, 'stored amount');
  return n;
}
