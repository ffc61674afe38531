/**
 * CSV as Danish Excel opens it without an import wizard: UTF-8 with a byte-order mark (else
 * "æøå" arrive as mojibake), semicolons (the Danish list separator), CRLF line ends, a decimal
 * comma, and RFC 4180 quoting. No "sep=;" line: with one, Excel ignores the BOM.
 */

/** A money cell in øre: written as a number Excel can sum ("-1234,50"), never as text. */
export interface CsvAmount {
  readonly ore: number;
}

export type CsvCell = string | CsvAmount;

export const UTF8_BOM = '\ufeff';
const SEPARATOR = ';';
const LINE_END = '\r\n';

/**
 * Cells a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1", "-2+3", "@SUM(…)"), or
 * whose tab or carriage return could start one: a till's description and a holder's name are
 * typed by others, so such text gets a leading apostrophe and stays text (OWASP's advice).
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** A text cell, made safe to open and quoted where RFC 4180 says so. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Øre as Danish Excel reads a number: "-1234,50" (no thousands separator, which it could misread). */
export function csvAmount(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new Error('an amount in øre must be a whole number');
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function cellText(cell: CsvCell): string {
  return typeof cell === 'string' ? csvText(cell) : csvAmount(cell.ore);
}

/**
 * The whole file: BOM, then every row with the same number of fields (RFC 4180; shorter rows
 * are padded), CRLF after each.
 */
export function csvDocument(rows: readonly (readonly CsvCell[])[]): Buffer {
  const width = Math.max(1, ...rows.map((row) => row.length));
  const lines = rows.map((row) => {
    const cells = row.map(cellText);
    while (cells.length < width) cells.push('');
    return cells.join(SEPARATOR) + LINE_END;
  });
  return Buffer.from(UTF8_BOM + lines.join(''), 'utf8');
}
