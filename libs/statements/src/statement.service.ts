import { Injectable } from '@nestjs/common';
import { MyAccountsService, type LoginCaller } from '@kk/identity';
import { TenantTransactions } from '@kk/tenant-transactions';
import { buildStatement, type Statement } from './statement';
import {
  checkPeriod,
  defaultPeriodInput,
  type PeriodFieldError,
  type PeriodInput,
  type StatementPeriod,
} from './statement-period';
import { accountHolder, movementsIn, openingBalance } from './statements.queries';

/** The period as the query string brought it: absent, or whatever was sent. */
export interface PeriodQuery {
  readonly fra?: unknown;
  readonly til?: unknown;
}

export type StatementAnswer =
  /** Not an account this login may see (another's, a guess, no uuid at all). */
  | { readonly kind: 'notFound' }
  /** No period asked for yet: the form with the last 30 days filled in. */
  | { readonly kind: 'form'; readonly values: PeriodInput }
  | { readonly kind: 'invalid'; readonly values: PeriodInput; readonly errors: readonly PeriodFieldError[] }
  | { readonly kind: 'statement'; readonly values: PeriodInput; readonly statement: Statement };

export interface AnswerOptions {
  /** A file asked for without a period (a bookmark) gets the last 30 days rather than the form. */
  readonly emptyMeansDefault?: boolean;
  readonly now?: Date;
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

  async answer(
    caller: LoginCaller,
    accountId: string,
    query: PeriodQuery,
    options: AnswerOptions = {},
  ): Promise<StatementAnswer> {
    const now = options.now ?? new Date();
    if (!(await this.access.canAccessAccount(caller, accountId))) return { kind: 'notFound' };
    const asked = query.fra !== undefined || query.til !== undefined;
    if (!asked && !options.emptyMeansDefault) return { kind: 'form', values: defaultPeriodInput(now) };
    const values = asked ? { fra: typed(query.fra), til: typed(query.til) } : defaultPeriodInput(now);
    const checked = checkPeriod(values, now);
    if (!checked.ok) return { kind: 'invalid', values, errors: checked.errors };
    const statement = await this.read(caller, accountId, checked.period);
    return statement ? { kind: 'statement', values, statement } : { kind: 'notFound' };
  }

  /** The statement of a checked period; undefined when the login may not see the account. */
  async statement(caller: LoginCaller, accountId: string, period: StatementPeriod): Promise<Statement | undefined> {
    if (!(await this.access.canAccessAccount(caller, accountId))) return undefined;
    return this.read(caller, accountId, period);
  }

  private read(caller: LoginCaller, accountId: string, period: StatementPeriod): Promise<Statement | undefined> {
    return this.transactions.run(caller.tenantId, async () => {
      const tx = this.transactions.current();
      const holder = await accountHolder(tx, accountId);
      if (!holder) return undefined;
      const range = { accountId, start: period.start, end: period.end };
      // One connection: the statements run one after the other whatever the code says.
      const opening = await openingBalance(tx, range);
      const movements = await movementsIn(tx, range);
      return buildStatement({ accountId, ...holder }, period, opening, movements);
    });
  }
}
