import type { TenantTx } from '@kk/database';
import { isDeclineReason, type SpendingPeriods } from '@kk/pos-authorization';
import { oreFromDb } from '@kk/ledger';
import type { AccountFacts, CardOnFile, DeclinedPurchase, SpendingSoFar, TillSighting } from './card-trouble.types';

/**
 * The SQL of "Kortet virker ikke": read-only, in the caller's tenant transaction (RLS), each
 * statement served by pos_purchases_account_history_idx (tenant_id, account_id, created_at).
 *
 * A till's purchase with an unknown card has no account (account_id IS NULL). The only such
 * rows that belong to an account are those whose number is one of its cards now (a new card
 * used at a till before it was linked to the account): they are found through the same index
 * under account_id IS NULL, bounded in time, and those rows are rare.
 */

const ACCOUNT_FACTS_SQL = `
  SELECT h.name AS holder_name, a.daily_limit, a.weekly_limit, a.monthly_limit, a.units_restricted, w.balance
    FROM accounts a
    JOIN cardholders h ON h.tenant_id = a.tenant_id AND h.id = a.cardholder_id
    JOIN ledger_accounts w ON w.tenant_id = a.tenant_id AND w.id = a.id
   WHERE a.tenant_id = $1 AND a.id = $2`;

// Each card's last appearance at a till: the account's history walked backwards per card.
const CARDS_SQL = `
  SELECT c.card_number, c.status, c.created_at, seen.created_at AS last_seen_at
    FROM cards c
    LEFT JOIN LATERAL (
      SELECT p.created_at FROM pos_purchases p
       WHERE p.tenant_id = c.tenant_id AND p.account_id = c.account_id AND p.card_number = c.card_number
       ORDER BY p.created_at DESC LIMIT 1
    ) seen ON true
   WHERE c.tenant_id = $1 AND c.account_id = $2
   ORDER BY (c.status = 'replaced'), c.created_at DESC`;

// The purchase rows of this account: its own, and the unknown-card ones under its card numbers.
const ACCOUNT_ROWS = `
  SELECT p.* FROM pos_purchases p
   WHERE p.tenant_id = $1 AND p.account_id = $2 AND p.created_at >= $3
  UNION ALL
  SELECT p.* FROM pos_purchases p
   WHERE p.tenant_id = $1 AND p.account_id IS NULL AND p.created_at >= $3 AND p.card_number = ANY($4::text[])`;

const LAST_SIGHTING_SQL = `
  SELECT r.card_number, r.created_at, t.name AS till_name, u.name AS unit_name
    FROM (${ACCOUNT_ROWS}) r
    JOIN tills t ON t.tenant_id = r.tenant_id AND t.id = r.till_id
    JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id
   ORDER BY r.created_at DESC LIMIT 1`;

const DECLINES_SQL = `
  SELECT r.id, r.created_at, r.amount, r.decline_reason, r.card_number, r.balance_after, r.unit_id,
         t.name AS till_name, u.name AS unit_name
    FROM (${ACCOUNT_ROWS}) r
    JOIN tills t ON t.tenant_id = r.tenant_id AND t.id = r.till_id
    JOIN units u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id
   WHERE r.decision = 'declined'
   ORDER BY r.created_at DESC, r.id LIMIT $5`;

// The very sums pos_purchase compares with the limits: approved, not reversed, from each period's start.
const SPENDING_SQL = `
  SELECT coalesce(sum(s.amount) FILTER (WHERE s.created_at >= $3), 0) AS today,
         coalesce(sum(s.amount) FILTER (WHERE s.created_at >= $4), 0) AS week,
         coalesce(sum(s.amount) FILTER (WHERE s.created_at >= $5), 0) AS month
    FROM pos_purchases s
   WHERE s.tenant_id = $1 AND s.account_id = $2 AND s.decision = 'approved'
     AND s.reversed_at IS NULL AND s.created_at >= least($4::timestamptz, $5::timestamptz)`;

const ALLOWED_UNITS_SQL = `
  SELECT u.id, u.name FROM account_allowed_units a
    JOIN units u ON u.tenant_id = a.tenant_id AND u.id = a.unit_id
   WHERE a.tenant_id = $1 AND a.account_id = $2
   ORDER BY u.name`;

export async function accountFacts(tx: TenantTx, accountId: string): Promise<AccountFacts | undefined> {
  const [row] = await tx.query<{
    holder_name: string;
    daily_limit: string | null;
    weekly_limit: string | null;
    monthly_limit: string | null;
    units_restricted: boolean;
    balance: string;
  }>(ACCOUNT_FACTS_SQL, [tx.tenantId, accountId]);
  if (!row) return undefined;
  const allowed = row.units_restricted
    ? await tx.query<{ id: string; name: string }>(ALLOWED_UNITS_SQL, [tx.tenantId, accountId])
    : [];
  return {
    holderName: row.holder_name,
    limits: {
      day: oreFromDb(row.daily_limit),
      week: oreFromDb(row.weekly_limit),
      month: oreFromDb(row.monthly_limit),
    },
    balance: oreFromDb(row.balance) ?? 0,
    units: { restricted: row.units_restricted, allowed },
  };
}

export async function cardsOfAccount(tx: TenantTx, accountId: string): Promise<CardOnFile[]> {
  const rows = await tx.query<{
    card_number: string;
    status: CardOnFile['status'];
    created_at: Date;
    last_seen_at: Date | null;
  }>(CARDS_SQL, [tx.tenantId, accountId]);
  return rows.map((row) => ({
    cardNumber: row.card_number,
    status: row.status,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  }));
}

export interface AccountRowsScope {
  readonly accountId: string;
  /** The account's card numbers, every status: which unknown-card rows are its own. */
  readonly cardNumbers: readonly string[];
  readonly since: Date;
}

export async function lastTillSighting(tx: TenantTx, scope: AccountRowsScope): Promise<TillSighting | undefined> {
  const [row] = await tx.query<{ card_number: string; created_at: Date; till_name: string; unit_name: string }>(
    LAST_SIGHTING_SQL,
    [tx.tenantId, scope.accountId, scope.since, scope.cardNumbers],
  );
  return row && { cardNumber: row.card_number, at: row.created_at, tillName: row.till_name, unitName: row.unit_name };
}

export async function recentDeclines(
  tx: TenantTx,
  scope: AccountRowsScope,
  limit: number,
): Promise<DeclinedPurchase[]> {
  const rows = await tx.query<{
    id: string;
    created_at: Date;
    amount: string;
    decline_reason: string;
    card_number: string;
    balance_after: string | null;
    unit_id: string;
    till_name: string;
    unit_name: string;
  }>(DECLINES_SQL, [tx.tenantId, scope.accountId, scope.since, scope.cardNumbers, limit]);
  return rows.flatMap((row) => {
    // The log's CHECK allows only the contract's reasons; anything else is not ours to explain.
    if (!isDeclineReason(row.decline_reason)) return [];
    return [
      {
        id: row.id,
        at: row.created_at,
        amount: oreFromDb(row.amount) ?? 0,
        reason: row.decline_reason,
        cardNumber: row.card_number,
        balanceAt: oreFromDb(row.balance_after),
        unitId: row.unit_id,
        tillName: row.till_name,
        unitName: row.unit_name,
      },
    ];
  });
}

export async function spendingSoFar(tx: TenantTx, accountId: string, periods: SpendingPeriods): Promise<SpendingSoFar> {
  const [row] = await tx.query<{ today: string; week: string; month: string }>(SPENDING_SQL, [
    tx.tenantId,
    accountId,
    periods.dayStart,
    periods.weekStart,
    periods.monthStart,
  ]);
  return {
    day: oreFromDb(row?.today ?? '0') ?? 0,
    week: oreFromDb(row?.week ?? '0') ?? 0,
    month: oreFromDb(row?.month ?? '0') ?? 0,
  };
}
