import { validateCardNumber, type CardNumberRule } from './card-number';
import type { CardholderCsvRow } from './cardholder-csv';
import { validateCpr } from './cpr';

/** A data line after the checks that need no database; problems are Danish, one per finding. */
export interface CheckedImportRow {
  readonly line: number;
  /** Normalised (10 digits) when valid. */
  readonly cpr: string | undefined;
  /** Normalised when it fits the tenant's format. */
  readonly cardNumber: string | undefined;
  readonly name: string;
  /** undefined: the file has no such column (keep what is stored); null: the cell is empty (clear it). */
  readonly email: string | null | undefined;
  readonly address: string | null | undefined;
  readonly problems: string[];
}

export type ValidImportRow = CheckedImportRow & { readonly cpr: string; readonly cardNumber: string };

const NAME_MAX = 200;
const EMAIL_MAX = 254;
const ADDRESS_MAX = 500;
// Deliberately loose: the school's system is the source; this catches typos and swapped columns.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkImportRows(rows: readonly CardholderCsvRow[], rule: CardNumberRule): CheckedImportRow[] {
  const checked = rows.map((row) => checkRow(row, rule));
  flagRepeats(checked, (row) => row.cpr, 'CPR-nummeret');
  flagRepeats(checked, (row) => row.cardNumber, 'Kortnummeret');
  return checked;
}

export function isValidImportRow(row: CheckedImportRow): row is ValidImportRow {
  return row.problems.length === 0 && row.cpr !== undefined && row.cardNumber !== undefined;
}

function checkRow(row: CardholderCsvRow, rule: CardNumberRule): CheckedImportRow {
  const problems: string[] = [];
  const cpr = validateCpr(row.cpr);
  if (!cpr.ok) problems.push(cpr.message);
  const name = row.name.trim();
  if (name === '') problems.push('Navnet mangler');
  else if (name.length > NAME_MAX) problems.push(`Navnet må højst være ${NAME_MAX} tegn`);
  const card = validateCardNumber(row.cardNumber, rule);
  if (!card.ok) problems.push(card.message);
  const givenEmail = optional(row.email);
  const email = typeof givenEmail === 'string' ? givenEmail.toLowerCase() : givenEmail;
  if (email && (email.length > EMAIL_MAX || !EMAIL.test(email))) problems.push('E-mailadressen er ugyldig');
  const address = optional(row.address);
  if (address && address.length > ADDRESS_MAX) problems.push(`Adressen må højst være ${ADDRESS_MAX} tegn`);
  return {
    line: row.line,
    cpr: cpr.ok ? cpr.cpr : undefined,
    cardNumber: card.ok ? card.cardNumber : undefined,
    name,
    email,
    address,
    problems,
  };
}

function optional(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

// Every line of a repeat is bad: the file cannot say which of them it means.
function flagRepeats(
  rows: readonly CheckedImportRow[],
  key: (row: CheckedImportRow) => string | undefined,
  what: string,
): void {
  const linesByKey = new Map<string, number[]>();
  for (const row of rows) {
    const value = key(row);
    if (value === undefined) continue;
    const lines = linesByKey.get(value);
    if (lines) lines.push(row.line);
    else linesByKey.set(value, [row.line]);
  }
  for (const row of rows) {
    const value = key(row);
    const lines = value === undefined ? [] : (linesByKey.get(value) ?? []);
    if (lines.length > 1) {
      const others = lines.filter((line) => line !== row.line);
      row.problems.push(`${what} står også på linje ${others.join(', ')}`);
    }
  }
}
