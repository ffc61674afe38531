import { preparedSql, type PreparedSql, type TenantTx } from '@kk/database';
import { oreFromDb } from '@kk/ledger';
import { TRANSACTION_KINDS_NAMING_THEIR_MOVEMENT } from './movement-kinds';
import type { LedgerMovement } from './statement';
import { STATEMENT_PAGE_SIZE, type MovementGroup } from './statement-page';

/**
 * The statement's SQL, read-only in the caller's tenant transaction (RLS). A wallet's ledger
 * account has the account's id, so "the account's movements" are its wallet's postings.
 * Both statements walk postings_statement_idx (tenant_id, ledger_account_id, created_at, id)
 * from migration 1763780000014: the opening balance is an index-only sum of everything
 * before the period, the movements one range of it, in the order the statement lists them.
 */

const OPENING_BALANCE_SQL = preparedSql(
  'statement_opening_balance',
  `
  SELECT coalesce(sum(p.amount), 0) AS balance
    FROM postings p
   WHERE p.tenant_id = $1 AND p.ledger_account_id = $2 AND p.created_at < $3`,
);

// Per posting (one index range, in the statement's order): its transaction, and the
// transaction's other side, which says what the money was for (a till's sales account names
// the till, whose unit is the place). Every kind written today has one other side; should there
// be more, the largest counts. Both are LATERAL … LIMIT 1 on their primary keys, which the planner
// cannot turn into hash joins: with joins it read every posting and transaction of the tenant
// to join a year's 2,000 rows (bench:statement --explain; 100,000 postings: ~470 ms, now ~15 ms).
// `postings` is the period's range of postings_statement_idx, whole or one page of it; the
// subquery reads only the index's columns, so a page skips the rows before it in the index alone.
// The other side of posting p: the rule the page's rows and the totals' groups both follow.
const OTHER_SIDE_OF_P = `
      SELECT o.ledger_account_id FROM postings o
       WHERE o.tenant_id = p.tenant_id AND o.transaction_id = p.transaction_id
         AND o.ledger_account_id <> p.ledger_account_id
       ORDER BY abs(o.amount) DESC, o.ledger_account_id
       LIMIT 1`;

const movementsOf = (postings: string) => `
  SELECT p.id, p.amount, p.created_at, t.kind, t.description,
         a.kind AS counterpart_kind, till.name AS till_name, unit.name AS unit_name
    FROM (${postings}) p
   CROSS JOIN LATERAL (
      SELECT lt.kind, lt.description FROM ledger_transactions lt
       WHERE lt.tenant_id = p.tenant_id AND lt.id = p.transaction_id
       LIMIT 1) t
    LEFT JOIN LATERAL (${OTHER_SIDE_OF_P}) other ON true
    LEFT JOIN ledger_accounts a ON a.tenant_id = p.tenant_id AND a.id = other.ledger_account_id
    LEFT JOIN tills till ON till.tenant_id = a.tenant_id AND till.id = a.till_id
    LEFT JOIN units unit ON unit.tenant_id = till.tenant_id AND unit.id = till.unit_id
   ORDER BY p.created_at, p.id`;

const PERIOD_POSTINGS = `
  SELECT tenant_id, id, ledger_account_id, transaction_id, amount, created_at FROM postings
   WHERE tenant_id = $1 AND ledger_account_id = $2 AND created_at >= $3 AND created_at < $4`;

const MOVEMENTS_SQL = preparedSql('statement_movements', movementsOf(PERIOD_POSTINGS));

const PAGE_MOVEMENTS_SQL = preparedSql(
  'statement_page_movements',
  movementsOf(`${PERIOD_POSTINGS} ORDER BY created_at, id LIMIT $5 OFFSET $6`),
);

// The sum of the period's first $5 postings: what the balance moved before a page begins.
const SUM_OF_FIRST_SQL = preparedSql(
  'statement_sum_of_first',
  `
  SELECT coalesce(sum(amount), 0) AS amount
    FROM (${PERIOD_POSTINGS} ORDER BY created_at, id LIMIT $5) first`,
);

// The period's postings summed by what classifies them (movementKindOf): the transaction's kind,
// the other side's kind where the kind alone does not say ($5 lists those that do), and the sign.
// One index-only range and a primary-key probe per posting, without the per-row place lookups,
// so a long period's totals cost a fraction of its rows.
const MOVEMENT_GROUPS_SQL = preparedSql(
  'statement_movement_groups',
  `
  SELECT t.kind,
         CASE WHEN t.kind = ANY($5::text[]) THEN NULL ELSE (
           SELECT a.kind FROM ledger_accounts a
            WHERE a.tenant_id = p.tenant_id AND a.id = (${OTHER_SIDE_OF_P})) END AS counterpart_kind,
         p.amount > 0 AS credit, sum(p.amount) AS amount, count(*) AS movements
    FROM (${PERIOD_POSTINGS}) p
   CROSS JOIN LATERAL (
      SELECT lt.kind FROM ledger_transactions lt
       WHERE lt.tenant_id = p.tenant_id AND lt.id = p.transaction_id
       LIMIT 1) t
   GROUP BY 1, 2, 3`,
);

const HOLDER_SQL = preparedSql(
  'statement_holder',
  `
  SELECT h.name AS holder_name,
         (SELECT c.card_number FROM cards c
           WHERE c.tenant_id = a.tenant_id AND c.account_id = a.id AND c.status <> 'replaced'
           LIMIT 1) AS card_number
    FROM accounts a
    JOIN cardholders h ON h.tenant_id = a.tenant_id AND h.id = a.cardholder_id
   WHERE a.tenant_id = $1 AND a.id = $2`,
);

export interface StatementRange {
  readonly accountId: string;
  readonly start: Date;
  readonly end: Date;
}

export async function openingBalance(tx: TenantTx, range: StatementRange): Promise<number> {
  const [row] = await tx.query<{ balance: string }>(OPENING_BALANCE_SQL, [tx.tenantId, range.accountId, range.start]);
  return oreFromDb(row?.balance ?? '0') ?? 0;
}

type MovementRow = {
  id: string;
  amount: string;
  created_at: Date;
  kind: string;
  description: string | null;
  counterpart_kind: string | null;
  till_name: string | null;
  unit_name: string | null;
};

function movementOf(row: MovementRow): LedgerMovement {
  return {
    id: String(row.id),
    at: row.created_at,
    amount: oreFromDb(row.amount) ?? 0,
    transactionKind: row.kind,
    counterpartKind: row.counterpart_kind,
    description: row.description,
    tillName: row.till_name,
    unitName: row.unit_name,
  };
}

const rangeParams = (tx: TenantTx, range: StatementRange) => [tx.tenantId, range.accountId, range.start, range.end];

export async function movementsIn(tx: TenantTx, range: StatementRange): Promise<LedgerMovement[]> {
  const rows = await tx.query<MovementRow>(MOVEMENTS_SQL, rangeParams(tx, range));
  return rows.map(movementOf);
}

/** `limit` movements of the period from the `offset`-th (0-based), in the statement's order. */
export async function movementsPage(
  tx: TenantTx,
  range: StatementRange,
  page: { readonly offset: number; readonly limit: number },
): Promise<LedgerMovement[]> {
  const rows = await tx.query<MovementRow>(PAGE_MOVEMENTS_SQL, [...rangeParams(tx, range), page.limit, page.offset]);
  return rows.map(movementOf);
}

/** Signed øre: the sum of the period's first `count` movements. */
export async function sumOfFirst(tx: TenantTx, range: StatementRange, count: number): Promise<number> {
  if (count === 0) return 0;
  const [row] = await tx.query<{ amount: string }>(SUM_OF_FIRST_SQL, [...rangeParams(tx, range), count]);
  return oreFromDb(row?.amount ?? '0') ?? 0;
}

/** The period's movements summed per transaction kind, other side's kind and sign. */
export async function movementGroupsIn(tx: TenantTx, range: StatementRange): Promise<MovementGroup[]> {
  const rows = await tx.query<{
    kind: string;
    counterpart_kind: string | null;
    amount: string;
    movements: string;
  }>(MOVEMENT_GROUPS_SQL, [...rangeParams(tx, range), TRANSACTION_KINDS_NAMING_THEIR_MOVEMENT]);
  return rows.map((row) => ({
    transactionKind: row.kind,
    counterpartKind: row.counterpart_kind,
    amount: oreFromDb(row.amount) ?? 0,
    count: Number(row.movements),
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
  const explain = (sql: PreparedSql, params: unknown[]) =>
    tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, params);
  const opening = await explain(OPENING_BALANCE_SQL, [tx.tenantId, range.accountId, range.start]);
  const movements = await explain(MOVEMENTS_SQL, rangeParams(tx, range));
  const groups = await explain(MOVEMENT_GROUPS_SQL, [
    ...rangeParams(tx, range),
    TRANSACTION_KINDS_NAMING_THEIR_MOVEMENT,
  ]);
  const page = await explain(PAGE_MOVEMENTS_SQL, [...rangeParams(tx, range), STATEMENT_PAGE_SIZE, 0]);
  return [opening, movements, groups, page].map((rows) => rows.map((row) => row['QUERY PLAN']).join('\n'));
}
