import type { TenantTx } from '@kk/database';

/**
 * The cardholder tables' batch SQL, kept as statements rather than repository calls: an
 * import of thousands of pupils is one `unnest` statement per table, not thousands of
 * inserts, and the import locks the cardholders it will change in the same read.
 */

export interface CardholderRow {
  readonly id: string;
  readonly name: string;
  readonly cprEncrypted: Buffer;
  readonly cprHmac: Buffer;
  readonly email: string | null;
  readonly address: string | null;
}

export async function insertCardholders(tx: TenantTx, rows: readonly CardholderRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO cardholders (tenant_id, id, name, cpr_encrypted, cpr_hmac, email, address)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::bytea[], $5::bytea[], $6::text[], $7::text[])`,
    [
      tx.tenantId,
      rows.map((r) => r.id),
      rows.map((r) => r.name),
      rows.map((r) => r.cprEncrypted),
      rows.map((r) => r.cprHmac),
      rows.map((r) => r.email),
      rows.map((r) => r.address),
    ],
  );
}

/** Kontos with their wallets at 0 kr; the wallet shares the konto's id, so a balance needs no lookup. */
export async function insertAccountsWithWallets(
  tx: TenantTx,
  accounts: readonly { readonly accountId: string; readonly cardholderId: string }[],
): Promise<void> {
  const accountIds = accounts.map((a) => a.accountId);
  await tx.query(
    `INSERT INTO accounts (tenant_id, id, cardholder_id) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[])`,
    [tx.tenantId, accountIds, accounts.map((a) => a.cardholderId)],
  );
  await tx.query(
    `INSERT INTO ledger_accounts (tenant_id, id, kind, account_id, balance)
     SELECT $1, id, 'wallet', id, 0 FROM unnest($2::uuid[]) AS id`,
    [tx.tenantId, accountIds],
  );
}

export async function insertActiveCards(
  tx: TenantTx,
  cards: readonly { readonly accountId: string; readonly cardNumber: string }[],
): Promise<void> {
  await tx.query(
    `INSERT INTO cards (tenant_id, card_number, account_id, status)
     SELECT $1, card_number, account_id, 'active' FROM unnest($2::text[], $3::uuid[]) AS c (card_number, account_id)`,
    [tx.tenantId, cards.map((c) => c.cardNumber), cards.map((c) => c.accountId)],
  );
}

export interface StoredCardholderRow {
  readonly id: string;
  readonly cpr_hmac: Buffer;
  readonly name: string;
  readonly email: string | null;
  readonly address: string | null;
  /** The cardholder's first konto, which the import manages; null if it has none yet. */
  readonly account_id: string | null;
  /** That konto's usable (active or blocked) card. */
  readonly card_number: string | null;
}

/** The cardholders with these CPR blind indexes, locked for the import that reads them. */
export async function lockCardholdersByCprIndex(
  tx: TenantTx,
  cprIndexes: readonly Buffer[],
): Promise<StoredCardholderRow[]> {
  return tx.query<StoredCardholderRow>(
    `SELECT ch.id, ch.cpr_hmac, ch.name, ch.email, ch.address, a.id AS account_id, card.card_number
       FROM cardholders ch
       LEFT JOIN LATERAL (
         SELECT id FROM accounts
          WHERE tenant_id = ch.tenant_id AND cardholder_id = ch.id
          ORDER BY created_at, id LIMIT 1
       ) a ON true
       LEFT JOIN cards card
         ON card.tenant_id = ch.tenant_id AND card.account_id = a.id AND card.status <> 'replaced'
      WHERE ch.tenant_id = $1 AND ch.cpr_hmac = ANY($2::bytea[])
      FOR UPDATE OF ch`,
    [tx.tenantId, cprIndexes],
  );
}

export interface CardOwnerRow {
  readonly card_number: string;
  readonly status: string;
  readonly account_id: string;
  readonly cardholder_id: string;
}

export async function cardsWithOwners(tx: TenantTx, cardNumbers: readonly string[]): Promise<CardOwnerRow[]> {
  return tx.query<CardOwnerRow>(
    `SELECT c.card_number, c.status, c.account_id, a.cardholder_id
       FROM cards c JOIN accounts a ON a.tenant_id = c.tenant_id AND a.id = c.account_id
      WHERE c.tenant_id = $1 AND c.card_number = ANY($2::text[])`,
    [tx.tenantId, cardNumbers],
  );
}

export async function updateCardholderDetails(
  tx: TenantTx,
  details: readonly { id: string; name: string; email: string | null; address: string | null }[],
): Promise<void> {
  await tx.query(
    `UPDATE cardholders c SET name = v.name, email = v.email, address = v.address, updated_at = now()
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS v (id, name, email, address)
      WHERE c.tenant_id = $1 AND c.id = v.id`,
    [
      tx.tenantId,
      details.map((d) => d.id),
      details.map((d) => d.name),
      details.map((d) => d.email),
      details.map((d) => d.address),
    ],
  );
}

export async function markCardsReplaced(tx: TenantTx, cardNumbers: readonly string[]): Promise<void> {
  await tx.query(
    `UPDATE cards SET status = 'replaced', status_changed_at = now()
      WHERE tenant_id = $1 AND card_number = ANY($2::text[])`,
    [tx.tenantId, cardNumbers],
  );
}
