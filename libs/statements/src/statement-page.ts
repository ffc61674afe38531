import { assertOre } from '@kk/ledger';
import { movementKindOf } from './movement-kinds';
import {
  buildStatement,
  emptyTotals,
  type LedgerMovement,
  type Statement,
  type StatementAccount,
  type StatementMovement,
} from './statement';
import type { StatementPeriod } from './statement-period';

/**
 * The page shows a long period a hundred movements at a time, the files all of it: a year
 * is some 2,000 movements, half a megabyte of HTML that a phone must download and lay out,
 * while the balances and totals, which the page shows in full, need no row at all.
 */
export const STATEMENT_PAGE_SIZE = 100;

/** The period's postings of one transaction kind, other side's kind and sign, summed. */
export interface MovementGroup {
  readonly transactionKind: string;
  readonly counterpartKind: string | null;
  /** Signed øre, the group's sum: every posting in it has this sign. */
  readonly amount: number;
  readonly count: number;
}

/** The whole period's figures, as on a full statement, without its rows. */
export type StatementSummary = Omit<Statement, 'movements'> & {
  readonly movementCount: number;
};

/** One page of a statement: the period's figures, and the movements of this page. */
export interface StatementPage extends StatementSummary {
  /** This page's movements, each with the balance right after it. */
  readonly movements: readonly StatementMovement[];
  /** 1-based; 1 when the period has no movements. */
  readonly page: number;
  readonly pageCount: number;
  /** The period's position (1-based) of this page's first movement. */
  readonly firstNumber: number;
  /** The balance before this page's first movement: the opening balance on the first page. */
  readonly balanceBefore: number;
  /** The balance after its last: the closing balance on the last page. */
  readonly balanceAfter: number;
}

/** The figures of a period from its opening balance and its movements' groups. */
export function summarize(
  account: StatementAccount,
  period: StatementPeriod,
  openingBalance: number,
  groups: readonly MovementGroup[],
): StatementSummary {
  assertOre(openingBalance, 'opening balance');
  const totals = emptyTotals();
  let net = 0;
  let movementCount = 0;
  for (const group of groups) {
    assertOre(group.amount, 'movement group amount');
    totals[movementKindOf(group)] += group.amount;
    net += group.amount;
    movementCount += group.count;
  }
  const closingBalance = openingBalance + net;
  assertOre(closingBalance, 'closing balance');
  return { account, period, openingBalance, closingBalance, totals, net, movementCount };
}

/** Where a page starts, for the page asked for (anything not a page number is the first). */
export interface PageSlice {
  readonly page: number;
  readonly pageCount: number;
  /** 0-based: how many of the period's movements come before the page. */
  readonly offset: number;
  readonly limit: number;
}

/** The page asked for, within 1…the last page: a number past the end shows the last. */
export function pageSlice(asked: unknown, movementCount: number, pageSize = STATEMENT_PAGE_SIZE): PageSlice {
  const pageCount = Math.max(1, Math.ceil(movementCount / pageSize));
  const text = typeof asked === 'string' ? asked.trim() : '';
  const number = /^\d{1,9}$/.test(text) ? Number(text) : 1;
  const page = Math.min(Math.max(number, 1), pageCount);
  return { page, pageCount, offset: (page - 1) * pageSize, limit: pageSize };
}

/**
 * The page from the summary, the balance before its first movement and its movements in
 * ledger order: the running balance carries on from the previous page's last row.
 */
export function buildStatementPage(
  summary: StatementSummary,
  slice: PageSlice,
  balanceBefore: number,
  ledger: readonly LedgerMovement[],
): StatementPage {
  const rows = buildStatement(summary.account, summary.period, balanceBefore, ledger);
  return {
    ...summary,
    movements: rows.movements,
    page: slice.page,
    pageCount: slice.pageCount,
    firstNumber: slice.offset + 1,
    balanceBefore,
    balanceAfter: rows.closingBalance,
  };
}
