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

interface NumberedRecord {
  readonly cells: readonly string[];
  readonly line: number;
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
  const nonBlank = numberRecords(records).filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  const [header, ...data] = nonBlank;
  if (!header) return { rows: [], errors: [{ line: 1, message: 'Filen er tom; den skal have en overskriftslinje' }] };

  const headerControls = controlCharacterProblem(header.cells, () => undefined);
  if (headerControls) return { rows: [], errors: [{ line: header.line, message: headerControls }] };
  const columns = header.cells.map((name) => name.trim().toLowerCase());
  const headerErrors = checkHeader(columns);
  if (headerErrors.length) return { rows: [], errors: headerErrors.map((message) => ({ line: header.line, message })) };

  const rows: CardholderCsvRow[] = [];
  const errors: ImportLineError[] = [];
  for (const record of data) {
    const row = readDataLine(record, columns);
    if ('message' in row) errors.push(row);
    else rows.push(row);
  }
  return { rows, errors };
}

function readDataLine({ cells, line }: NumberedRecord, columns: readonly string[]): CardholderCsvRow | ImportLineError {
  if (cells.length !== columns.length) {
    return { line, message: `Linjen har ${cells.length} felter, men overskriften har ${columns.length}` };
  }
  const controls = controlCharacterProblem(cells, (index) => columns[index] || undefined);
  if (controls) return { line, message: controls };
  const field = (column: ImportColumn): string | undefined => {
    const index = columns.indexOf(column);
    return index === -1 ? undefined : cells[index];
  };
  return {
    line,
    cpr: field('cpr') ?? '',
    name: field('name') ?? '',
    cardNumber: field('card_number') ?? '',
    email: field('email'),
    address: field('address'),
  };
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

/**
 * A NUL would fail the whole import in PostgreSQL, and the other C0 controls, DEL and C1
 * (U+0080-U+009F, usually a Windows-1252 file decoded as Latin-1 somewhere upstream) are
 * invisible in the admin and the portal; none belongs in a name, a number or an email.
 * Line breaks are the one exception, and only in the address: a quoted cell may span lines
 * (as Excel writes a cell with Alt+Enter) and a postal address is written on several.
 */
const MULTI_LINE_COLUMNS: readonly string[] = ['address'] satisfies readonly ImportColumn[];
const CONTROL_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x09: 'tabulator',
  0x0a: 'linjeskift',
  0x0d: 'linjeskift',
};

/** One line error naming each bad cell, or undefined when the line has none. */
function controlCharacterProblem(
  cells: readonly string[],
  columnAt: (index: number) => string | undefined,
): string | undefined {
  const findings: string[] = [];
  cells.forEach((cell, index) => {
    const column = columnAt(index);
    const code = firstControlCharacter(cell, column !== undefined && MULTI_LINE_COLUMNS.includes(column));
    if (code === undefined) return;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const name = CONTROL_NAMES[code];
    findings.push(`${name ? `${name} (${hex})` : hex} i ${column ? `"${column}"` : `kolonne ${index + 1}`}`);
  });
  if (findings.length === 0) return undefined;
  const what = findings.length === 1 ? 'et styretegn' : 'styretegn';
  return `Linjen indeholder ${what}, som ikke kan importeres: ${findings.join(', ')}`;
}

function firstControlCharacter(cell: string, lineBreaksAllowed: boolean): number | undefined {
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (lineBreaksAllowed && (code === 0x0a || code === 0x0d)) continue;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return code;
  }
  return undefined;
}

/**
 * The line each record starts on, as an editor numbers them (CRLF, LF or a lone CR ends a
 * line). csv-parse reports the line a record ends on, and counts a CRLF inside a quoted
 * cell as two lines, which shifts every later record; so all records, blank ones too.
 */
function numberRecords(records: readonly CsvRecord[]): NumberedRecord[] {
  let doubleCounted = 0;
  return records.map(({ record, info }) => {
    let breaks = 0;
    for (const cell of record) {
      breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
      doubleCounted += cell.match(/\r\n/g)?.length ?? 0;
    }
    return { cells: record, line: info.lines - doubleCounted - breaks };
  });
}

function csvSyntaxError(error: unknown): ImportLineError {
  const line = typeof error === 'object' && error !== null && 'lines' in error ? Number(error.lines) : 1;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reason = code.includes('QUOTE') ? 'et anførselstegn står forkert eller er ikke lukket' : 'ugyldig CSV';
  return { line: Number.isInteger(line) && line > 0 ? line : 1, message: `Linjen kan ikke læses: ${reason}` };
}
