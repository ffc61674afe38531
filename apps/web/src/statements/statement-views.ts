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
  type StatementAnswer,
  type StatementPage,
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

/** Where the page (one of its pages), the CSV and the PDF of a period live: bookmarkable GET addresses. */
export function statementHref(
  accountId: string,
  period: { from: string; to: string },
  suffix = '',
  page?: number,
): string {
  const query = new URLSearchParams({ fra: period.from, til: period.to });
  if (page !== undefined && page > 1) query.set('side', String(page));
  return `/konti/${accountId}/kontoudskrift${suffix}?${query.toString()}`;
}

/** The links between the pages of a long period; none when it fits on one. */
function pagination(statement: StatementPage, locale: Locale) {
  const { page, pageCount } = statement;
  if (pageCount === 1) return undefined;
  const href = (to: number) => statementHref(statement.account.accountId, statement.period, '', to);
  return {
    label: t(locale, 'statement.pageOf', { page, pages: pageCount }),
    first: page > 1 ? href(1) : undefined,
    previous: page > 1 ? href(page - 1) : undefined,
    next: page < pageCount ? href(page + 1) : undefined,
    last: page < pageCount ? href(pageCount) : undefined,
  };
}

function statementView(statement: StatementPage, locale: Locale) {
  const { accountId } = statement.account;
  const { movementCount, firstNumber, movements } = statement;
  const paged = statement.pageCount > 1;
  return {
    holder: holderText(statement, locale),
    period: periodText(statement, locale),
    opening: statement.openingBalance,
    closing: statement.closingBalance,
    net: statement.net,
    count:
      movementCount === 1
        ? t(locale, 'statement.movementsCountOne')
        : t(locale, 'statement.movementsCount', { count: movementCount }),
    shown: paged
      ? t(locale, 'statement.shown', { first: firstNumber, last: firstNumber + movements.length - 1 })
      : undefined,
    // On a later page the running balance starts from the previous page's last row.
    // (Objects, not numbers: a balance of 0 kr. is still a row.)
    carriedIn: statement.page > 1 ? { balance: statement.balanceBefore } : undefined,
    carriedOut: statement.page < statement.pageCount ? { balance: statement.balanceAfter } : undefined,
    pagination: pagination(statement, locale),
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
  readonly answer: Exclude<StatementAnswer<StatementPage>, { kind: 'notFound' }>;
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
