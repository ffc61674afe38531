/** "Max forbrug" as typed: whole kroner per day, week and month; an empty field is no limit. */
export interface SpendingLimitsForm {
  readonly daily: string;
  readonly weekly: string;
  readonly monthly: string;
}

export type LimitPeriod = keyof SpendingLimitsForm;

/** Øre per period, as accounts.daily_limit etc. hold them (the till compares with these); null: none. */
export interface SpendingLimits {
  readonly daily: number | null;
  readonly weekly: number | null;
  readonly monthly: number | null;
}

export type LimitFieldError =
  | { readonly field: LimitPeriod; readonly reason: 'notWholeKroner' | 'zero' | 'tooLarge' }
  /** A week's limit under the day's (or a month's under the week's): surely a slip of the finger. */
  | { readonly field: LimitPeriod; readonly reason: 'belowShorter'; readonly shorter: LimitPeriod };

export type SpendingLimitsCheck =
  | { readonly ok: true; readonly limits: SpendingLimits }
  | { readonly ok: false; readonly errors: readonly LimitFieldError[] };

/** 100.000 kr.: far above any canteen's month, and the till's largest single purchase. */
export const MAX_LIMIT_KRONER = 100_000;

export const LIMIT_PERIODS: readonly LimitPeriod[] = ['daily', 'weekly', 'monthly'];

// "60", "1000", "1.000" (Danish thousands), optionally "kr" or "kr." after it.
const WHOLE_KRONER = /^(?:[0-9]{1,9}|[0-9]{1,3}(?:\.[0-9]{3}){1,2})(?:\s*kr\.?)?$/i;

/**
 * Each field is whole kroner from 1 to 100.000, or empty for no limit; every field is
 * checked, so the parent sees every mistake at once. A longer period's limit may not be
 * below a shorter one's: a week of 50 kr. under a day of 60 kr. is not what anyone means.
 */
export function checkSpendingLimits(form: SpendingLimitsForm): SpendingLimitsCheck {
  const errors: LimitFieldError[] = [];
  const kroner: Partial<Record<LimitPeriod, number | null>> = {};
  for (const period of LIMIT_PERIODS) {
    const read = readKroner(form[period]);
    if (typeof read === 'string') errors.push({ field: period, reason: read });
    else kroner[period] = read;
  }
  const set = (period: LimitPeriod): number | null => kroner[period] ?? null;
  for (const [longer, shorters] of [
    ['weekly', ['daily']],
    ['monthly', ['weekly', 'daily']],
  ] as const) {
    const limit = set(longer);
    if (limit === null || errors.some((e) => e.field === longer)) continue;
    const shorter = shorters.find((s) => (set(s) ?? 0) > limit);
    if (shorter) errors.push({ field: longer, reason: 'belowShorter', shorter });
  }
  if (errors.length > 0) return { ok: false, errors };
  const ore = (period: LimitPeriod): number | null => {
    const value = set(period);
    return value === null ? null : value * 100;
  };
  return { ok: true, limits: { daily: ore('daily'), weekly: ore('weekly'), monthly: ore('monthly') } };
}

function readKroner(typed: string): number | null | 'notWholeKroner' | 'zero' | 'tooLarge' {
  const text = typed.trim();
  if (text === '') return null;
  if (!WHOLE_KRONER.test(text)) return 'notWholeKroner';
  const kroner = Number(text.replace(/\s*kr\.?$/i, '').replace(/\./g, ''));
  if (kroner === 0) return 'zero';
  if (kroner > MAX_LIMIT_KRONER) return 'tooLarge';
  return kroner;
}

/** A stored limit as the form shows it: whole kroner ("60"), or empty for none. */
export function limitAsTyped(ore: number | null): string {
  if (ore === null) return '';
  // A limit the office set in øre shows as it is ("60,50"), and the form then asks for whole kroner.
  return ore % 100 === 0 ? String(ore / 100) : (ore / 100).toFixed(2).replace('.', ',');
}
