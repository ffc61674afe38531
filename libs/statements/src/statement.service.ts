import { Injectable } from '@nestjs/common';
import { MyAccountsService, type LoginCaller } from '@kk/identity';
import type { TenantTx } from '@kk/database';
import { TenantTransactions } from '@kk/tenant-transactions';
import { buildStatement, type Statement } from './statement';
import {
  checkPeriod,
  defaultPeriodInput,
  type PeriodFieldError,
  type PeriodInput,
  type StatementPeriod,
} from './statement-period';
import { buildStatementPage, pageSlice, STATEMENT_PAGE_SIZE, summarize, type StatementPage } from './statement-page';
import {
  accountHolder,
  movementGroupsIn,
  movementsIn,
  movementsPage,
  openingBalance,
  sumOfFirst,
  type StatementRange,
} from './statements.queries';

/** The period as the query string brought it: absent, or whatever was sent. */
export interface PeriodQuery {
  readonly fra?: unknown;
  readonly til?: unknown;
}

/** The page's query: the period, and which page of it ("side"). */
export interface PageQuery extends PeriodQuery {
  readonly side?: unknown;
}

/** A statement whole (the files) or one page of it (the page). */
export type StatementAnswer<S = Statement> =
  /** Not an account this login may see (another's, a guess, no uuid at all). */
  | { readonly kind: 'notFound' }
  /** No period asked for yet: the form with the last 30 days filled in. */
  | { readonly kind: 'form'; readonly values: PeriodInput }
  | { readonly kind: 'invalid'; readonly values: PeriodInput; readonly errors: readonly PeriodFieldError[] }
  | { readonly kind: 'statement'; readonly values: PeriodInput; readonly statement: S };

export interface AnswerOptions {
  /** A file asked for without a period (a bookmark) gets the last 30 days rather than the form. */
  readonly emptyMeansDefault?: boolean;
  readonly now?: Date;
  /** Movements per page of answerPage (default STATEMENT_PAGE_SIZE). */
  readonly pageSize?: number;
}

// A repeated parameter (?fra=a&fra=b) or a nested one is no date anyone typed: read as empty.
function typed(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * "Kontoudskrift" / "Rapporter": the account's movements in a period, with the balances
 * before and after. Only for an account the login may see; the period's rules are
 * checkPeriod's, and every refusal comes back with what was typed, to be shown again.
 */
@Injectable()
export class StatementService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly access: MyAccountsService,
  ) {}

  /** The whole statement of the period asked for: what the CSV and the PDF hold. */
  answer(caller: LoginCaller, accountId: string, query: PeriodQuery, options: AnswerOptions = {}) {
    return this.answerWith(caller, accountId, query, options, (period) => this.read(caller, accountId, period));
  }

  /** One page of the period asked for, with the whole period's balances and totals. */
  answerPage(caller: LoginCaller, accountId: string, query: PageQuery, options: AnswerOptions = {}) {
    return this.answerWith(caller, accountId, query, options, (period) =>
      this.readPage(caller, accountId, period, query.side, options.pageSize),
    );
  }

  // The access check joins the statement's snapshot: one transaction for all of it, not two.
  private answerWith<S>(
    caller: LoginCaller,
    accountId: string,
    query: PeriodQuery,
    options: AnswerOptions,
    read: (period: StatementPeriod) => Promise<S | undefined>,
  ): Promise<StatementAnswer<S>> {
    return this.inSnapshot(caller, async (): Promise<StatementAnswer<S>> => {
      const now = options.now ?? new Date();
      if (!(await this.access.canAccessAccount(caller, accountId))) return { kind: 'notFound' };
      const asked = query.fra !== undefined || query.til !== undefined;
      if (!asked && !options.emptyMeansDefault) return { kind: 'form', values: defaultPeriodInput(now) };
      const values = asked ? { fra: typed(query.fra), til: typed(query.til) } : defaultPeriodInput(now);
      const checked = checkPeriod(values, now);
      if (!checked.ok) return { kind: 'invalid', values, errors: checked.errors };
      const statement = await read(checked.period);
      return statement ? { kind: 'statement', values, statement } : { kind: 'notFound' };
    });
  }

  /** The statement of a checked period; undefined when the login may not see the account. */
  async statement(caller: LoginCaller, accountId: string, period: StatementPeriod): Promise<Statement | undefined> {
    if (!(await this.access.canAccessAccount(caller, accountId))) return undefined;
    return this.read(caller, accountId, period);
  }

  private read(caller: LoginCaller, accountId: string, period: StatementPeriod): Promise<Statement | undefined> {
    return this.inSnapshot(caller, async (tx) => {
      const holder = await accountHolder(tx, accountId);
      if (!holder) return undefined;
      const range = { accountId, start: period.start, end: period.end };
      const opening = await openingBalance(tx, range);
      const movements = await movementsIn(tx, range);
      return buildStatement({ accountId, ...holder }, period, opening, movements);
    });
  }

  private readPage(
    caller: LoginCaller,
    accountId: string,
    period: StatementPeriod,
    askedPage: unknown,
    pageSize = STATEMENT_PAGE_SIZE,
  ): Promise<StatementPage | undefined> {
    return this.inSnapshot(caller, async (tx) => {
      const holder = await accountHolder(tx, accountId);
      if (!holder) return undefined;
      const range: StatementRange = { accountId, start: period.start, end: period.end };
      const opening = await openingBalance(tx, range);
      const summary = summarize({ accountId, ...holder }, period, opening, await movementGroupsIn(tx, range));
      const slice = pageSlice(askedPage, summary.movementCount, pageSize);
      const before = opening + (await sumOfFirst(tx, range, slice.offset));
      return buildStatementPage(summary, slice, before, await movementsPage(tx, range, slice));
    });
  }

  /**
   * One read-only snapshot for all of a statement's statements: a purchase committed between
   * them would otherwise show in the rows but not in the balances (or the page count).
   */
  private inSnapshot<T>(caller: LoginCaller, read: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.transactions.run(caller.tenantId, () => read(this.transactions.current()), {
      isolationLevel: 'REPEATABLE READ',
    });
  }
}
