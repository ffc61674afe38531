import type { TenantTx } from '@kk/database';
import { oreFromDb } from '@kk/ledger';
import type { LedgerMovement } from './statement';

/**
 * The statement's SQL, read-only in the caller's tenant transaction (RLS). A wallet's ledger
 * account has the account's id, so "the account's movements" are its wallet's postings.
 * Both statements walk postings_statement_idx (tenant_id, ledger_account_id, created_at, id)
 * from migration 1763780000014: the opening balance is an index-only sum of everything
 * before the period, the movements one range of it, in the order the statement lists them.
 */

const OPENING_BALANCE_SQL = `
  SELECT coalesce(sum(p.amount), 0) AS balance
    FROM postings p
   WHERE p.tenant_id = $1 AND p.ledger_account_id = $2 AND p.created_at < $3`;

// Per posting of the period (one index range, in the statement's order): its transaction, and
// the transaction's other side, which says what the money was for (a till's sales account names
// the till, whose unit is the place). Every kind written today has one other side; should there
// be more, the largest counts. Both are LATERAL … LIMIT 1 on their primary keys, which the planner
// cannot turn into hash joins: with joins it read every posting and transaction of the tenant
// to join a year's 2,000 rows (bench:statement --explain; 100,000 postings: ~470 ms, now ~15 ms).
const MOVEMENTS_SQL = `
  SELECT p.id, p.amount, p.created_at, t.kind, t.description,
         a.kind AS counterpart_kind, till.name AS till_name, unit.name AS unit_name
    FROM postings p
   CROSS JOIN LATERAL (
      SELECT lt.kind, lt.description FROM ledger_transactions lt
       WHERE lt.tenant_id = p.tenant_id AND lt.id = p.transaction_id
       LIMIT 1) t
    LEFT JOIN LATERAL (
      SELECT o.ledger_account_id FROM postings o
       WHERE o.tenant_id = p.tenant_id AND o.transaction_id = p.transaction_id
         AND o.ledger_account_id <> p.ledger_account_id
       ORDER BY abs(o.amount) DESC, o.ledger_account_id
       LIMIT 1) other ON true
    LEFT JOIN ledger_accounts a ON a.tenant_id = p.tenant_id AND a.id = other.ledger_account_id
    LEFT JOIN tills till ON till.tenant_id = a.tenant_id AND till.id = a.till_id
    LEFT JOIN units unit ON unit.tenant_id = till.tenant_id AND unit.id = till.unit_id
   WHERE p.tenant_id = $1 AND p.ledger_account_id = $2 AND p.created_at >= $3 AND p.created_at < $4
   ORDER BY p.created_at, p.id`;

const HOLDER_SQL = `
  SELECT h.name AS holder_name,
         (SELECT c.card_number FROM cards c
           WHERE c.tenant_id = a.tenant_id AND c.account_id = a.id AND c.status <> 'replaced'
           LIMIT 1) AS card_number
    FROM accounts a
    JOIN cardholders h ON h.tenant_id = a.tenant_id AND h.id = a.cardholder_id
   WHERE a.tenant_id = $1 AND a.id = $2`;

export interface StatementRange {
  readonly accountId: string;
  readonly start: Date;
  readonly end: Date;
}

export async function openingBalance(tx: TenantTx, range: StatementRange): Promise<number> {
  const [row] = await tx.query<{ balance: string }>(OPENING_BALANCE_SQL, [tx.tenantId, range.accountId, range.start]);
  return oreFromDb(row?.balance ?? '0') ?? 0;
}

export async function movementsIn(tx: TenantTx, range: StatementRange): Promise<LedgerMovement[]> {
  const rows = await tx.query<{
    id: string;
    amount: string;
    created_at: Date;
    kind: string;
    description: string | null;
    counterpart_kind: string | null;
    till_name: string | null;
    unit_name: string | null;
  }>(MOVEMENTS_SQL, [tx.tenantId, range.accountId, range.start, range.end]);
  return rows.map((row) => ({
    id: String(row.id),
    at: row.created_at,
    amount: oreFromDb(row.amount) ?? 0,
    transactionKind: row.kind,
    counterpartKind: row.counterpart_kind,
    description: row.description,
    tillName: row.till_name,
    unitName: row.unit_name,
  }));
}

/** The account's holder and its current card (active or blocked), or undefined for no such account. */
export async function accountHolder(
  tx: TenantTx,
  accountId: string,
): Promise<{ readonly holderName: string; readonly cardNumber: string | null } | undefined> {
  const [row] = await tx.query<{ holder_name: string; card_number: string | null }>(HOLDER_SQL, [
    tx.tenantId,
    accountId,
  ]);
  return row && { holderName: row.holder_name, cardNumber: row.card_number };
}

/**
 * For the benchmark (bench:statement --explain): how PostgreSQL runs the two statements, with
 * timings and buffers, so a slow statement can be told from a slow machine.
 */
export async function statementQueryPlans(tx: TenantTx, range: StatementRange): Promise<string[]> {
  const explain = (sql: string, params: unknown[]) =>
    tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const opening = await explain(OPENING_BALANCE_SQL, [tx.tenantId, range.accountId, range.start]);
  const movements = await explain(MOVEMENTS_SQL, [tx.tenantId, range.accountId, range.start, range.end]);
  return [opening, movements].map((rows) => rows.map((row) => row['QUERY PLAN']).join('\n'));
}
