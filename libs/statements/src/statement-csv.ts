import { t, type Locale, type PlainTextKey } from '@kk/texts';
import { csvDocument, type CsvCell } from './csv';
import type { Statement } from './statement';
import { copenhagenWallClock, twoDigits } from './copenhagen-clock';
import type { IsoDate } from './statement-period';
import { holderText, kindMovementLabel, movementPlace, movementText, totalLines } from './statement-wording';

/** What a statement file names besides the statement: the tenant's words for it. */
export interface StatementFileContext {
  /** The tenant's tab name, "Kontoudskrift" or "Rapporter". */
  readonly title: string;
  /** The tenant's product name, "Sct. Ibs Kantinekort". */
  readonly productName: string;
  readonly locale: Locale;
  /** When the file was made (its "Udskrevet" line). */
  readonly printedAt: Date;
}

/** Copenhagen day and time as Danish Excel turns them into a date and a time: "31-01-2025", "12:05". */
export function csvDateTime(at: Date): { readonly date: string; readonly time: string } {
  const { year, month, day, hour, minute } = copenhagenWallClock(at);
  return { date: `${twoDigits(day)}-${twoDigits(month)}-${year}`, time: `${twoDigits(hour)}:${twoDigits(minute)}` };
}

function csvDay(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}-${month}-${year}`;
}

/**
 * The statement as one sheet: a few lines saying whose and which period, the movements as a
 * table between the opening and the closing balance (each with the balance after it), then
 * the totals by kind in the amount column, so Excel's columns line up.
 */
export function statementCsv(statement: Statement, context: StatementFileContext): Buffer {
  const { locale } = context;
  const text = (key: PlainTextKey) => t(locale, key);
  const printed = csvDateTime(context.printedAt);
  const rows: CsvCell[][] = [
    [context.title, context.productName],
    [text('statement.file.heading'), holderText(statement, locale)],
    [text('statement.file.periodLabel'), csvDay(statement.period.from), csvDay(statement.period.to)],
    [t(locale, 'statement.file.printed', { when: `${printed.date} ${printed.time}` })],
    [],
    [
      text('statement.col.date'),
      text('statement.col.time'),
      text('statement.col.place'),
      text('statement.col.text'),
      text('statement.col.kind'),
      text('statement.col.amount'),
      text('statement.col.balance'),
    ],
    [csvDay(statement.period.from), '', '', text('statement.opening'), '', '', { ore: statement.openingBalance }],
  ];
  for (const movement of statement.movements) {
    const { date, time } = csvDateTime(movement.at);
    rows.push([
      date,
      time,
      movementPlace(movement, locale),
      movementText(movement, locale),
      kindMovementLabel(movement.kind, locale),
      { ore: movement.amount },
      { ore: movement.balance },
    ]);
  }
  rows.push([
    csvDay(statement.period.to),
    '',
    '',
    text('statement.closing'),
    '',
    '',
    { ore: statement.closingBalance },
  ]);
  rows.push([], [text('statement.totals')]);
  for (const line of totalLines(statement, locale)) rows.push([line.label, '', '', '', '', { ore: line.amount }]);
  rows.push([text('statement.net'), '', '', '', '', { ore: statement.net }]);
  return csvDocument(rows);
}
