import { parse } from 'csv-parse/sync';

/** A problem with one line of an import file; line 1 is the header. */
export interface ImportLineError {
  readonly line: number;
  readonly message: string;
}

export const REQUIRED_COLUMNS = ['cpr', 'name', 'card_number'] as const;
export const OPTIONAL_COLUMNS = ['email', 'address'] as const;
export type ImportColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** One data line as written; optional fields are undefined when the file has no such column. */
export interface CardholderCsvRow {
  readonly line: number;
  readonly cpr: string;
  readonly name: string;
  readonly cardNumber: string;
  readonly email?: string;
  readonly address?: string;
}

export interface ParsedCardholderCsv {
  readonly rows: CardholderCsvRow[];
  readonly errors: ImportLineError[];
}

interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * Reads a school system's export: a header row naming the columns (any order and case),
 * then one cardholder per line; comma or semicolon, whichever the header uses (Danish
 * Excel writes semicolons). Structural problems come back as line errors, never thrown.
 */
export function parseCardholderCsv(content: Buffer | string): ParsedCardholderCsv {
  const text = decodeUtf8(content);
  if (typeof text !== 'string') return { rows: [], errors: [text] };
  const delimiter = detectDelimiter(text);

  let records: CsvRecord[];
  try {
    // The typings do not model `info: true`, which wraps each record with its line numbers.
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    return { rows: [], errors: [csvSyntaxError(error)] };
  }
  const nonBlank = records.filter((r) => r.record.some((field) => field.trim() !== ''));
  const [header, ...data] = nonBlank;
  if (!header) return { rows: [], errors: [{ line: 1, message: 'Filen er tom; den skal have en overskriftslinje' }] };

  const headerLine = startLine(header);
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const headerErrors = checkHeader(columns);
  if (headerErrors.length) return { rows: [], errors: headerErrors.map((message) => ({ line: headerLine, message })) };

  const rows: CardholderCsvRow[] = [];
  const errors: ImportLineError[] = [];
  for (const record of data) {
    const line = startLine(record);
    if (record.record.length !== columns.length) {
      errors.push({
        line,
        message: `Linjen har ${record.record.length} felter, men overskriften har ${columns.length}`,
      });
      continue;
    }
    const field = (column: ImportColumn): string | undefined => {
      const index = columns.indexOf(column);
      return index === -1 ? undefined : record.record[index];
    };
    rows.push({
      line,
      cpr: field('cpr') ?? '',
      name: field('name') ?? '',
      cardNumber: field('card_number') ?? '',
      email: field('email'),
      address: field('address'),
    });
  }
  return { rows, errors };
}

function decodeUtf8(content: Buffer | string): string | ImportLineError {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(content);
    } catch {
      // Excel's "CSV" is often Windows-1252: say so instead of importing garbled æøå.
      return { line: firstBadUtf8Line(content), message: 'Filen er ikke gemt som UTF-8; gem den som "CSV UTF-8"' };
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// A newline byte never occurs inside a multi-byte UTF-8 sequence, so lines decode alone.
function firstBadUtf8Line(content: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let start = 0, line = 1; start <= content.length; line++) {
    const newline = content.indexOf(0x0a, start);
    const end = newline === -1 ? content.length : newline;
    try {
      decoder.decode(content.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return 1;
}

function detectDelimiter(text: string): ';' | ',' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (char: string): number => firstLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function checkHeader(columns: readonly string[]): string[] {
  const problems: string[] = [];
  columns.forEach((column, index) => {
    // Spreadsheets add unnamed trailing columns; they carry nothing and are ignored.
    if (column === '') return;
    if (!ALL_COLUMNS.includes(column)) {
      problems.push(`Ukendt kolonne "${column}"; kolonnerne hedder ${ALL_COLUMNS.join(', ')}`);
    } else if (columns.indexOf(column) !== index) {
      problems.push(`Kolonnen "${column}" står to gange i overskriften`);
    }
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) problems.push(`Kolonnen "${required}" mangler i overskriften`);
  }
  return problems;
}

// csv-parse reports the line a record ends on; a quoted field may span lines.
function startLine(record: CsvRecord): number {
  const innerNewlines = record.record.reduce((n, field) => n + (field.split('\n').length - 1), 0);
  return record.info.lines - innerNewlines;
}

function csvSyntaxError(error: unknown): ImportLineError {
  const line = typeof error === 'object' && error !== null && 'lines' in error ? Number(error.lines) : 1;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reason = code.includes('QUOTE') ? 'et anførselstegn står forkert eller er ikke lukket' : 'ugyldig CSV';
  return { line: Number.isInteger(line) && line > 0 ? line : 1, message: `Linjen kan ikke læses: ${reason}` };
}
