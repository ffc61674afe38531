import { DateTime } from 'luxon';
import { t, type Locale, type PlainTextKey } from '@kk/texts';
import { copenhagenWallClock, twoDigits } from './copenhagen-clock';
import { ALWAYS_LISTED, MOVEMENT_KINDS, type MovementKind } from './movement-kinds';
import type { Statement, StatementMovement } from './statement';
import { STATEMENT_TIME_ZONE, type IsoDate, type PeriodFieldError } from './statement-period';

/**
 * The words of a statement, one place for the page, the CSV and the PDF: so the three say the
 * same thing about every movement.
 */

const KIND_TOTAL_TEXT: Readonly<Record<MovementKind, PlainTextKey>> = {
  deposits: 'statement.kind.deposits',
  purchases: 'statement.kind.purchases',
  reversals: 'statement.kind.reversals',
  topUps: 'statement.kind.topUps',
  fees: 'statement.kind.fees',
  payouts: 'statement.kind.payouts',
  subscriptions: 'statement.kind.subscriptions',
  webshop: 'statement.kind.webshop',
  refunds: 'statement.kind.refunds',
  other: 'statement.kind.other',
};

const KIND_MOVEMENT_TEXT: Readonly<Record<MovementKind, PlainTextKey>> = {
  deposits: 'statement.movement.deposits',
  purchases: 'statement.movement.purchases',
  reversals: 'statement.movement.reversals',
  topUps: 'statement.movement.topUps',
  fees: 'statement.movement.fees',
  payouts: 'statement.movement.payouts',
  subscriptions: 'statement.movement.subscriptions',
  webshop: 'statement.movement.webshop',
  refunds: 'statement.movement.refunds',
  other: 'statement.movement.other',
};

/** Where money came in that no till took: the channel, by the ledger's kind. */
const CHANNEL_TEXT: Readonly<Record<string, PlainTextKey>> = {
  nexi_deposit: 'statement.place.card',
  auto_top_up: 'statement.place.card',
  mobilepay_deposit: 'statement.place.mobilepay',
  cash_deposit: 'statement.place.office',
};

const ERROR_TEXT: Readonly<Record<`${PeriodFieldError['field']}:${PeriodFieldError['reason']}`, PlainTextKey>> = {
  'fra:missing': 'statement.error.fraMissing',
  'til:missing': 'statement.error.tilMissing',
  'fra:notADate': 'statement.error.fraNotADate',
  'til:notADate': 'statement.error.tilNotADate',
  'fra:inFuture': 'statement.error.fraInFuture',
  'til:inFuture': 'statement.error.tilInFuture',
  'til:beforeStart': 'statement.error.tilBeforeStart',
  'fra:beforeStart': 'statement.error.tilBeforeStart',
  'fra:tooLong': 'statement.error.fraTooLong',
  'til:tooLong': 'statement.error.fraTooLong',
};

/** Each refused field's sentence, in the page's language. */
export function periodErrorTexts(errors: readonly PeriodFieldError[], locale: Locale): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const error of errors) shown[error.field] ??= t(locale, ERROR_TEXT[`${error.field}:${error.reason}`]);
  return shown;
}

export function kindTotalLabel(kind: MovementKind, locale: Locale): string {
  return t(locale, KIND_TOTAL_TEXT[kind]);
}

export function kindMovementLabel(kind: MovementKind, locale: Locale): string {
  return t(locale, KIND_MOVEMENT_TEXT[kind]);
}

/** "Kasse 1, Kantinen" for a till; the channel for money paid in; else nothing. */
export function movementPlace(movement: StatementMovement, locale: Locale): string {
  if (movement.tillName && movement.unitName) {
    return t(locale, 'statement.place.till', { till: movement.tillName, unit: movement.unitName });
  }
  const kind = movement.transactionKind;
  return Object.hasOwn(CHANNEL_TEXT, kind) ? t(locale, CHANNEL_TEXT[kind]) : '';
}

/** The till's or the feature's own words for it ("Frokost", "Indbetaling"), else its type. */
export function movementText(movement: StatementMovement, locale: Locale): string {
  const described = movement.description?.trim();
  return described ? described : kindMovementLabel(movement.kind, locale);
}

export interface TotalLine {
  readonly kind: MovementKind;
  readonly label: string;
  readonly amount: number;
}

/** The brief's eight kinds always, refunds and other movements only when the period has them. */
export function totalLines(statement: Pick<Statement, 'totals'>, locale: Locale): TotalLine[] {
  return MOVEMENT_KINDS.filter((kind) => ALWAYS_LISTED.has(kind) || statement.totals[kind] !== 0).map((kind) => ({
    kind,
    label: kindTotalLabel(kind, locale),
    amount: statement.totals[kind],
  }));
}

/** The Copenhagen calendar day of an instant: "12.03.2025" (en: "12/03/2025"), as Intl writes it. */
export function copenhagenDate(at: Date, locale: Locale): string {
  const { year, month, day } = copenhagenWallClock(at);
  const separator = locale === 'da' ? '.' : '/';
  return `${twoDigits(day)}${separator}${twoDigits(month)}${separator}${year}`;
}

/** The Copenhagen clock time of an instant: "12.05" (en: "12:05"), as Intl writes it. */
export function copenhagenClock(at: Date, locale: Locale): string {
  const { hour, minute } = copenhagenWallClock(at);
  return `${twoDigits(hour)}${locale === 'da' ? '.' : ':'}${twoDigits(minute)}`;
}

/** A period's day in words: "1. marts 2025" (en: "1 March 2025"). */
export function longDate(date: IsoDate, locale: Locale): string {
  return DateTime.fromISO(date, { zone: STATEMENT_TIME_ZONE })
    .setLocale(locale === 'da' ? 'da-DK' : 'en-GB')
    .toLocaleString(DateTime.DATE_FULL);
}

/** "1. marts 2025 – 31. marts 2025". */
export function periodText(statement: Pick<Statement, 'period'>, locale: Locale): string {
  return t(locale, 'statement.period', {
    from: longDate(statement.period.from, locale),
    to: longDate(statement.period.to, locale),
  });
}

/** Whose statement, for headings: "Ida Hansen, kort 1000200030004001" (the name alone without a card). */
export function holderText(statement: Pick<Statement, 'account'>, locale: Locale): string {
  const { holderName, cardNumber } = statement.account;
  return cardNumber ? t(locale, 'statement.holder', { name: holderName, card: cardNumber }) : holderName;
}
