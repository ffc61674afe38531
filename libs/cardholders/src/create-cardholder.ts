import { randomUUID } from 'node:crypto';
import type { TenantTx } from '@kk/database';
import { normalizeCardNumber } from './card-number';
import { insertAccountsWithWallets, insertActiveCards, insertCardholders } from './cardholders.queries';
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

  await insertCardholders(
    tx,
    inputs.map((input, i) => ({
      id: created[i].cardholderId,
      name: input.name,
      cprEncrypted: cipher.encrypt(input.cpr),
      cprHmac: cipher.blindIndex(input.cpr),
      email: input.email ?? null,
      address: input.address ?? null,
    })),
  );
  await addAccountsWithWallets(tx, created);
  await addActiveCards(tx, created);
  return created;
}

/** Accounts (konti) for existing cardholders, each with its wallet at 0 kr. */
export async function addAccountsWithWallets(
  tx: TenantTx,
  accounts: readonly { readonly accountId: string; readonly cardholderId: string }[],
): Promise<void> {
  if (accounts.length > 0) await insertAccountsWithWallets(tx, accounts);
}

/** New usable cards; an account's previous card must already be marked replaced. */
export async function addActiveCards(
  tx: TenantTx,
  cards: readonly { readonly accountId: string; readonly cardNumber: string }[],
): Promise<void> {
  if (cards.length > 0) await insertActiveCards(tx, cards);
}
