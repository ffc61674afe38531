import { randomUUID } from 'node:crypto';
import type { TenantTx } from '@kk/database';
import { normalizeCardNumber } from './card-number';
import type { CprCipher } from './cpr-cipher';

export interface NewCardholder {
  /** A valid CPR (see validateCpr); stored only encrypted and as a blind index. */
  readonly cpr: string;
  readonly name: string;
  /** Already checked against the tenant's format; spaces and case are normalised here. */
  readonly cardNumber: string;
  readonly email?: string | null;
  readonly address?: string | null;
}

export interface CreatedCardholder {
  readonly cardholderId: string;
  /** The konto; its wallet ledger account has the same id. */
  readonly accountId: string;
  readonly cardNumber: string;
}

/** A cardholder with one account (konto), its wallet at 0 kr and one active card. */
export async function createCardholderWithAccount(
  tx: TenantTx,
  cipher: CprCipher,
  input: NewCardholder,
): Promise<CreatedCardholder> {
  const [created] = await createCardholdersWithAccounts(tx, cipher, [input]);
  return created;
}

/**
 * The same for many at once: ids are made here, so each table takes one INSERT for the
 * whole batch (an import of thousands of pupils is four statements, not thousands).
 */
export async function createCardholdersWithAccounts(
  tx: TenantTx,
  cipher: CprCipher,
  inputs: readonly NewCardholder[],
): Promise<CreatedCardholder[]> {
  if (inputs.length === 0) return [];
  const created = inputs.map((input) => ({
    cardholderId: randomUUID(),
    accountId: randomUUID(),
    cardNumber: normalizeCardNumber(input.cardNumber),
  }));

  await tx.query(
    `INSERT INTO cardholders (tenant_id, id, name, cpr_encrypted, cpr_hmac, email, address)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::bytea[], $5::bytea[], $6::text[], $7::text[])`,
    [
      tx.tenantId,
      created.map((c) => c.cardholderId),
      inputs.map((i) => i.name),
      inputs.map((i) => cipher.encrypt(i.cpr)),
      inputs.map((i) => cipher.blindIndex(i.cpr)),
      inputs.map((i) => i.email ?? null),
      inputs.map((i) => i.address ?? null),
    ],
  );
  await insertAccountsWithWallets(tx, created);
  await insertActiveCards(tx, created);
  return created;
}

/** Accounts (konti) for existing cardholders, each with its wallet at 0 kr. */
export async function insertAccountsWithWallets(
  tx: TenantTx,
  accounts: readonly { readonly accountId: string; readonly cardholderId: string }[],
): Promise<void> {
  if (accounts.length === 0) return;
  const accountIds = accounts.map((a) => a.accountId);
  await tx.query(
    `INSERT INTO accounts (tenant_id, id, cardholder_id) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[])`,
    [tx.tenantId, accountIds, accounts.map((a) => a.cardholderId)],
  );
  // The wallet shares the konto's id, so a balance is found without a lookup.
  await tx.query(
    `INSERT INTO ledger_accounts (tenant_id, id, kind, account_id, balance)
     SELECT $1, id, 'wallet', id, 0 FROM unnest($2::uuid[]) AS id`,
    [tx.tenantId, accountIds],
  );
}

/** New usable cards; an account's previous card must already be marked replaced. */
export async function insertActiveCards(
  tx: TenantTx,
  cards: readonly { readonly accountId: string; readonly cardNumber: string }[],
): Promise<void> {
  if (cards.length === 0) return;
  await tx.query(
    `INSERT INTO cards (tenant_id, card_number, account_id, status)
     SELECT $1, card_number, account_id, 'active' FROM unnest($2::text[], $3::uuid[]) AS c (card_number, account_id)`,
    [tx.tenantId, cards.map((c) => c.cardNumber), cards.map((c) => c.accountId)],
  );
}
