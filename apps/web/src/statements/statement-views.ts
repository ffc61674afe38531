import type { MyPerson } from '@kk/identity';
import {
  copenhagenClock,
  copenhagenDate,
  copenhagenToday,
  holderText,
  kindMovementLabel,
  movementPlace,
  movementText,
  parseStatementDate,
  periodErrorTexts,
  periodText,
  totalLines,
  type PeriodInput,
  type Statement,
  type StatementAnswer,
} from '@kk/statements';
import { t, type Locale } from '@kk/texts';
import { portalView, type PageContext } from '../kit';

/** One account of the switcher (the seeds' field "konti"). */
interface AccountChoice {
  readonly accountId: string;
  readonly label: string;
  readonly selected: boolean;
}

function accountChoices(people: readonly MyPerson[], accountId: string): AccountChoice[] {
  return people.flatMap((person) =>
    person.accounts.map((account) => ({
      accountId: account.accountId,
      label: account.cardNumber ? `${person.name} (${account.cardNumber})` : person.name,
      selected: account.accountId === accountId,
    })),
  );
}

/**
 * A date field as the browser should show it again: a real day as the date picker's
 * YYYY-MM-DD; anything else as typed, in a text field (a date input would silently empty it).
 */
function dateField(typed: string) {
  const day = typed.trim() === '' ? '' : parseStatementDate(typed);
  return day === undefined ? { value: typed, type: 'text' } : { value: day, type: 'date' };
}

/** Where the page, the CSV and the PDF of a period live: bookmarkable GET addresses. */
export function statementHref(accountId: string, period: { from: string; to: string }, suffix = ''): string {
  const query = new URLSearchParams({ fra: period.from, til: period.to });
  return `/konti/${accountId}/kontoudskrift${suffix}?${query.toString()}`;
}

function statementView(statement: Statement, locale: Locale) {
  const { accountId } = statement.account;
  return {
    holder: holderText(statement, locale),
    period: periodText(statement, locale),
    opening: statement.openingBalance,
    closing: statement.closingBalance,
    net: statement.net,
    count:
      statement.movements.length === 1
        ? t(locale, 'statement.movementsCountOne')
        : t(locale, 'statement.movementsCount', { count: statement.movements.length }),
    movements: statement.movements.map((movement) => ({
      at: movement.at.toISOString(),
      date: copenhagenDate(movement.at, locale),
      time: copenhagenClock(movement.at, locale),
      place: movementPlace(movement, locale),
      text: movementText(movement, locale),
      kind: kindMovementLabel(movement.kind, locale),
      amount: movement.amount,
      balance: movement.balance,
      credit: movement.amount > 0,
    })),
    totals: totalLines(statement, locale),
    csvHref: statementHref(accountId, statement.period, '.csv'),
    pdfHref: statementHref(accountId, statement.period, '.pdf'),
  };
}

export interface StatementPageInput {
  readonly accountId: string;
  readonly people: readonly MyPerson[];
  readonly answer: Exclude<StatementAnswer, { kind: 'notFound' }>;
  readonly now?: Date;
}

/**
 * "Kontoudskrift" / "Rapporter" (the tenant's tab name): the account, the period and "Vis
 * Rapport"; after it, the statement with its downloads; a refused period with each error
 * beside its field and what was typed kept.
 */
export function statementPage(page: PageContext, input: StatementPageInput) {
  const { locale, tenant } = page;
  const { answer } = input;
  const values: PeriodInput = answer.values;
  const heading = tenant.features.statementTabName;
  const choices = accountChoices(input.people, input.accountId);
  const errors = answer.kind === 'invalid' ? periodErrorTexts(answer.errors, locale) : {};
  return portalView(page, 'statement.title', {
    title: `${heading} – ${tenant.productName}`,
    heading,
    accountId: input.accountId,
    accounts: choices,
    fra: dateField(values.fra),
    til: dateField(values.til),
    today: copenhagenToday(input.now ?? new Date()),
    errors,
    problem: answer.kind === 'invalid' ? t(locale, 'statement.error.summary') : undefined,
    statement: answer.kind === 'statement' ? statementView(answer.statement, locale) : undefined,
    // On a phone the balance after a movement is labelled (statement.hbs's style block).
    balanceLabel: t(locale, 'statement.col.balance'),
  });
}
