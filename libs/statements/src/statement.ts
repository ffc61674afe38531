import { assertOre } from '@kk/ledger';
import { MOVEMENT_KINDS, movementKindOf, type MovementKind } from './movement-kinds';
import type { StatementPeriod } from './statement-period';

/** One posting on the account's wallet in the period, as the ledger holds it. */
export interface LedgerMovement {
  /** The posting's sequence number: a stable order within one instant. */
  readonly id: string;
  readonly at: Date;
  /** Signed øre: positive money in, negative money out. */
  readonly amount: number;
  readonly transactionKind: string;
  readonly counterpartKind: string | null;
  readonly description: string | null;
  /** For a till's purchase or reversal: the till and the unit (enhed) it stands in. */
  readonly tillName: string | null;
  readonly unitName: string | null;
}

export interface StatementMovement {
  readonly id: string;
  readonly at: Date;
  readonly kind: MovementKind;
  /** The ledger's own word (ledger_transactions.kind): the channel money came by. */
  readonly transactionKind: string;
  readonly amount: number;
  /** The balance right after this movement. */
  readonly balance: number;
  readonly description: string | null;
  readonly tillName: string | null;
  readonly unitName: string | null;
}

export type StatementTotals = Readonly<Record<MovementKind, number>>;

/** Whose statement: the person and card the account list shows. */
export interface StatementAccount {
  readonly accountId: string;
  readonly holderName: string;
  readonly cardNumber: string | null;
}

export interface Statement {
  readonly account: StatementAccount;
  readonly period: StatementPeriod;
  /** The balance when the period began: every posting before its start. */
  readonly openingBalance: number;
  readonly movements: readonly StatementMovement[];
  /** opening + every movement. */
  readonly closingBalance: number;
  /** Signed øre per kind; they sum to `net`. */
  readonly totals: StatementTotals;
  /** closing − opening. */
  readonly net: number;
}

export function emptyTotals(): Record<MovementKind, number> {
  return Object.fromEntries(MOVEMENT_KINDS.map((kind) => [kind, 0])) as Record<MovementKind, number>;
}

/**
 * The statement from the opening balance and the period's postings in ledger order (time,
 * then sequence): each movement classified and given the balance after it, the closing
 * balance, and the totals by kind.
 */
export function buildStatement(
  account: StatementAccount,
  period: StatementPeriod,
  openingBalance: number,
  ledger: readonly LedgerMovement[],
): Statement {
  assertOre(openingBalance, 'opening balance');
  const totals = emptyTotals();
  let balance = openingBalance;
  const movements = ledger.map((posting): StatementMovement => {
    assertOre(posting.amount, 'posting amount');
    const kind = movementKindOf(posting);
    balance += posting.amount;
    totals[kind] += posting.amount;
    return {
      id: posting.id,
      at: posting.at,
      kind,
      transactionKind: posting.transactionKind,
      amount: posting.amount,
      balance,
      description: posting.description,
      tillName: posting.tillName,
      unitName: posting.unitName,
    };
  });
  assertOre(balance, 'closing balance');
  return {
    account,
    period,
    openingBalance,
    movements,
    closingBalance: balance,
    totals,
    net: balance - openingBalance,
  };
}
