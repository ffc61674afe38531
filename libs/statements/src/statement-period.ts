import { DateTime } from 'luxon';

/** Statements count days as a Dane lives them: a day starts at midnight in Copenhagen. */
export const STATEMENT_TIME_ZONE = 'Europe/Copenhagen';

/** The longest period one statement covers. */
export const MAX_PERIOD_YEARS = 5;

/** The period a first visit shows: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

/** A calendar day as `<input type="date">` sends it: YYYY-MM-DD. */
export type IsoDate = string & { readonly __isoDate: unique symbol };

/** A checked period: whole Copenhagen days from `from` to `to`, both included. */
export interface StatementPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The first instant of `from`, Copenhagen midnight. */
  readonly start: Date;
  /** The first instant after `to` (the next Copenhagen midnight): movements are before it. */
  readonly end: Date;
}

export type PeriodField = 'fra' | 'til';

export type PeriodRefusal = 'missing' | 'notADate' | 'inFuture' | 'beforeStart' | 'tooLong';

export interface PeriodFieldError {
  readonly field: PeriodField;
  readonly reason: PeriodRefusal;
}

/** What the form sent, kept as typed so a refused value is shown again. */
export interface PeriodInput {
  readonly fra: string;
  readonly til: string;
}

export type PeriodCheck =
  | { readonly ok: true; readonly period: StatementPeriod }
  | { readonly ok: false; readonly errors: readonly PeriodFieldError[] };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
// A browser without a date picker leaves the field as text: Danes type 31-01-2025, 31.1.2025 or 31/1/2025.
const DANISH = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/;

/** Years a statement can name at all: PostgreSQL and people agree on these. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 9999;

function local(now: Date): DateTime {
  return DateTime.fromJSDate(now, { zone: STATEMENT_TIME_ZONE });
}

function isoOf(day: DateTime): IsoDate {
  return day.toISODate() as IsoDate;
}

/** Today in Copenhagen, wherever the server runs. */
export function copenhagenToday(now: Date): IsoDate {
  return isoOf(local(now));
}

/** The form's first values: the last 30 days up to today. */
export function defaultPeriodInput(now: Date): { readonly fra: IsoDate; readonly til: IsoDate } {
  const today = local(now).startOf('day');
  return { fra: isoOf(today.minus({ days: DEFAULT_PERIOD_DAYS - 1 })), til: isoOf(today) };
}

/**
 * A typed day as YYYY-MM-DD, or undefined when it is no real calendar day (31-02-2025,
 * 2025-13-01, words). Spaces around it are forgiven.
 */
export function parseStatementDate(text: string): IsoDate | undefined {
  const typed = text.trim();
  const iso = ISO.exec(typed);
  const danish = iso ? undefined : DANISH.exec(typed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : danish ? [danish[3], danish[2], danish[1]] : undefined;
  if (!parts) return undefined;
  const [year, month, day] = parts.map(Number);
  if (year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  const date = DateTime.fromObject({ year, month, day }, { zone: STATEMENT_TIME_ZONE });
  return date.isValid ? isoOf(date) : undefined;
}

function startOfDay(date: IsoDate): DateTime {
  return DateTime.fromISO(date, { zone: STATEMENT_TIME_ZONE }).startOf('day');
}

/**
 * The statement's rules for a period, each refusal named by its field: both days must be real
 * days, not after today (Copenhagen), the end not before the start, and the whole period at
 * most five years (2020-01-01 to 2024-12-31 is the longest from that start).
 */
export function checkPeriod(input: PeriodInput, now: Date): PeriodCheck {
  const errors: PeriodFieldError[] = [];
  const today = copenhagenToday(now);
  const read = (field: PeriodField): IsoDate | undefined => {
    const text = input[field].trim();
    if (text === '') {
      errors.push({ field, reason: 'missing' });
      return undefined;
    }
    const date = parseStatementDate(text);
    if (!date) errors.push({ field, reason: 'notADate' });
    else if (date > today) errors.push({ field, reason: 'inFuture' });
    else return date;
    return undefined;
  };
  const from = read('fra');
  const to = read('til');
  if (!from || !to) return { ok: false, errors };
  if (to < from) return { ok: false, errors: [{ field: 'til', reason: 'beforeStart' }] };
  const start = startOfDay(from);
  const end = startOfDay(to).plus({ days: 1 });
  if (start.plus({ years: MAX_PERIOD_YEARS }) < end)
    return { ok: false, errors: [{ field: 'fra', reason: 'tooLong' }] };
  return { ok: true, period: { from, to, start: start.toJSDate(), end: end.toJSDate() } };
}
