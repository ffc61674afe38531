import { preparedSql, type TenantTx } from '@kk/database';
import { oreFromDb } from '@kk/ledger';
import type { AccountSettingsFacts, LockedAccount } from './account-settings.types';
import type { UnitChoice } from './rules/allowed-units';

/**
 * The reads of Brugeroplysninger, in the caller's tenant transaction (RLS): one statement for
 * the page's facts (the account, its holder, wallet, usable card and photo), one for the
 * tenant's units with the account's choice, and the account row locked for a change.
 */

interface FactsRow {
  readonly holder_name: string;
  readonly balance: string;
  readonly daily_limit: string | null;
  readonly weekly_limit: string | null;
  readonly monthly_limit: string | null;
  readonly units_restricted: boolean;
  readonly contact_email: string | null;
  readonly address_street: string | null;
  readonly address_postal_code: string | null;
  readonly address_city: string | null;
  readonly card_number: string | null;
  readonly card_status: 'active' | 'blocked' | null;
  readonly photo_sha256: string | null;
}

// At most one card per account is not replaced (cards_one_usable_per_account).
// Brugeroplysninger's main read, on every visit of the page: planned once per connection.
const FACTS_SQL = preparedSql(
  'account_settings_facts',
  `
  SELECT h.name AS holder_name, w.balance, a.daily_limit, a.weekly_limit, a.monthly_limit, a.units_restricted,
         a.contact_email, a.address_street, a.address_postal_code, a.address_city,
         c.card_number, c.status AS card_status, encode(p.sha256, 'hex') AS photo_sha256
    FROM accounts a
    JOIN cardholders h ON h.tenant_id = a.tenant_id AND h.id = a.cardholder_id
    JOIN ledger_accounts w ON w.tenant_id = a.tenant_id AND w.id = a.id
    LEFT JOIN cards c ON c.tenant_id = a.tenant_id AND c.account_id = a.id AND c.status <> 'replaced'
    LEFT JOIN account_photos p ON p.tenant_id = a.tenant_id AND p.account_id = a.id
   WHERE a.tenant_id = $1 AND a.id = $2`,
);

export async function settingsFacts(tx: TenantTx, accountId: string): Promise<AccountSettingsFacts | undefined> {
  const [row] = await tx.query<FactsRow>(FACTS_SQL, [tx.tenantId, accountId]);
  if (!row) return undefined;
  return {
    holderName: row.holder_name,
    balance: oreFromDb(row.balance) ?? 0,
    limits: {
      daily: oreFromDb(row.daily_limit),
      weekly: oreFromDb(row.weekly_limit),
      monthly: oreFromDb(row.monthly_limit),
    },
    unitsRestricted: row.units_restricted,
    contact: {
      email: row.contact_email,
      street: row.address_street,
      postalCode: row.address_postal_code,
      city: row.address_city,
    },
    card: row.card_number && row.card_status ? { cardNumber: row.card_number, status: row.card_status } : null,
    photoVersion: row.photo_sha256 ? row.photo_sha256.slice(0, 16) : null,
  };
}

const UNITS_SQL = `
  SELECT u.id, u.name, (al.unit_id IS NOT NULL) AS allowed
    FROM units u
    LEFT JOIN account_allowed_units al ON al.tenant_id = u.tenant_id AND al.unit_id = u.id AND al.account_id = $2
   WHERE u.tenant_id = $1`;

const danish = new Intl.Collator('da-DK');

/** The tenant's units in Danish order (Æ, Ø, Å last), each with whether the account may pay there by name. */
export async function unitsOf(
  tx: TenantTx,
  accountId: string,
): Promise<{ readonly units: UnitChoice[]; readonly allowed: string[] }> {
  const rows = await tx.query<{ id: string; name: string; allowed: boolean }>(UNITS_SQL, [tx.tenantId, accountId]);
  rows.sort((a, b) => danish.compare(a.name, b.name) || a.id.localeCompare(b.id));
  return { units: rows.map(({ id, name }) => ({ id, name })), allowed: rows.filter((r) => r.allowed).map((r) => r.id) };
}

interface LockedRow {
  readonly daily_limit: string | null;
  readonly weekly_limit: string | null;
  readonly monthly_limit: string | null;
  readonly units_restricted: boolean;
  readonly contact_email: string | null;
  readonly address_street: string | null;
  readonly address_postal_code: string | null;
  readonly address_city: string | null;
}

/*
 * FOR NO KEY UPDATE, not FOR UPDATE: the lock serialises the settings changes of one account
 * (two card changes, a change and a block), while the tills' purchase rows, whose foreign key
 * key-share-locks the account row, go on unhindered.
 */
const LOCK_SQL = `
  SELECT a.daily_limit, a.weekly_limit, a.monthly_limit, a.units_restricted,
         a.contact_email, a.address_street, a.address_postal_code, a.address_city
    FROM accounts a
   WHERE a.tenant_id = $1 AND a.id = $2
     FOR NO KEY UPDATE`;

// Read after the lock is granted, in a statement of its own: a join in the locking statement
// would show the card as it was before the lock's previous holder committed (PostgreSQL
// re-checks only the locked row), and a block would then revive a card just replaced.
const USABLE_CARD_SQL = `
  SELECT c.card_number, c.status FROM cards c
   WHERE c.tenant_id = $1 AND c.account_id = $2 AND c.status <> 'replaced'`;

/** The account row locked for this transaction, with what a change compares against. */
export async function lockAccount(tx: TenantTx, accountId: string): Promise<LockedAccount | undefined> {
  const [row] = await tx.query<LockedRow>(LOCK_SQL, [tx.tenantId, accountId]);
  if (!row) return undefined;
  const [card] = await tx.query<{ card_number: string; status: 'active' | 'blocked' }>(USABLE_CARD_SQL, [
    tx.tenantId,
    accountId,
  ]);
  return {
    accountId,
    limits: {
      daily: oreFromDb(row.daily_limit),
      weekly: oreFromDb(row.weekly_limit),
      monthly: oreFromDb(row.monthly_limit),
    },
    unitsRestricted: row.units_restricted,
    contact: {
      email: row.contact_email,
      street: row.address_street,
      postalCode: row.address_postal_code,
      city: row.address_city,
    },
    card: card ? { cardNumber: card.card_number, status: card.status } : null,
  };
}
