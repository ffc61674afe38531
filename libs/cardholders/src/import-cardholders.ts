import { randomUUID } from 'node:crypto';
import type { TenantTx } from '@kk/database';
import type { CardNumberRule } from './card-number';
import { parseCardholderCsv, type ImportLineError } from './cardholder-csv';
import type { CprCipher } from './cpr-cipher';
import {
  cardsWithOwners,
  lockCardholdersByCprIndex,
  markCardsReplaced,
  updateCardholderDetails,
  type StoredCardholderRow,
} from './cardholders.queries';
import { addAccountsWithWallets, addActiveCards, createCardholdersWithAccounts } from './create-cardholder';
import { checkImportRows, isValidImportRow, type ValidImportRow } from './import-validation';

export interface ImportCardholdersOptions {
  /** The tenant's card number format. */
  readonly cardNumber: CardNumberRule;
}

export interface ImportCardholdersResult {
  readonly created: number;
  readonly updated: number;
  /** Every bad line; when there are any, nothing was imported. */
  readonly errors: ImportLineError[];
}

/**
 * The CSV import from a school's system, all or nothing, in the caller's transaction.
 * Every line is checked first (format, repeats in the file, card numbers owned by someone
 * else); any bad line means no writes at all. Cardholders are matched by the CPR's blind
 * index: a new CPR gets a cardholder, konto, wallet and card; a known one gets its name,
 * email and address, and a new card when the number differs (the old card is replaced,
 * so it stops working at the tills). An unchanged line writes nothing, so a repeat of the
 * same file changes nothing.
 */
export async function importCardholders(
  tx: TenantTx,
  cipher: CprCipher,
  content: Buffer | string,
  options: ImportCardholdersOptions,
): Promise<ImportCardholdersResult> {
  const parsed = parseCardholderCsv(content);
  const rows = checkImportRows(parsed.rows, options.cardNumber);
  // Lines with other problems still get the database checks, so one run lists everything.
  const checkable = rows.filter((r): r is ValidImportRow => r.cpr !== undefined && r.cardNumber !== undefined);
  const stored = await loadStoredCardholders(tx, cipher, checkable);
  await checkCardOwnership(tx, checkable, stored);

  const errors = [
    ...parsed.errors,
    ...rows.filter((r) => r.problems.length > 0).map((r) => ({ line: r.line, message: r.problems.join('; ') })),
  ].sort((a, b) => a.line - b.line);
  if (errors.length > 0) return { created: 0, updated: 0, errors };

  const valid = rows.filter(isValidImportRow);
  const fresh = valid.filter((row) => !stored.has(row.cpr));
  await createCardholdersWithAccounts(tx, cipher, fresh);
  const updated = await applyUpdates(
    tx,
    valid.flatMap((row) => {
      const current = stored.get(row.cpr);
      return current ? [{ row, current }] : [];
    }),
  );
  return { created: fresh.length, updated, errors: [] };
}

/** Known cardholders of the file's CPRs, keyed by the normalised CPR. */
async function loadStoredCardholders(
  tx: TenantTx,
  cipher: CprCipher,
  rows: readonly ValidImportRow[],
): Promise<Map<string, StoredCardholderRow>> {
  const cprByIndex = new Map(rows.map((row) => [cipher.blindIndex(row.cpr).toString('hex'), row.cpr]));
  if (cprByIndex.size === 0) return new Map();
  const found = await lockCardholdersByCprIndex(
    tx,
    [...cprByIndex.keys()].map((hex) => Buffer.from(hex, 'hex')),
  );
  const byCpr = new Map<string, StoredCardholderRow>();
  for (const cardholder of found) {
    const cpr = cprByIndex.get(cardholder.cpr_hmac.toString('hex'));
    if (cpr) byCpr.set(cpr, cardholder);
  }
  return byCpr;
}

/** A card number is never reused: not someone else's card, and not a card already replaced. */
async function checkCardOwnership(
  tx: TenantTx,
  rows: readonly ValidImportRow[],
  stored: ReadonlyMap<string, StoredCardholderRow>,
): Promise<void> {
  if (rows.length === 0) return;
  const cards = await cardsWithOwners(
    tx,
    rows.map((row) => row.cardNumber),
  );
  const byNumber = new Map(cards.map((card) => [card.card_number, card]));
  for (const row of rows) {
    const card = byNumber.get(row.cardNumber);
    if (!card) continue;
    const owner = stored.get(row.cpr);
    if (!owner || card.cardholder_id !== owner.id) {
      row.problems.push('Kortnummeret tilhører en anden kortholder');
    } else if (card.account_id !== owner.account_id) {
      row.problems.push('Kortnummeret hører til en anden af kortholderens konti');
    } else if (card.status === 'replaced') {
      row.problems.push('Kortnummeret er erstattet af et nyere kort og kan ikke bruges igen');
    }
  }
}

/** Writes only what differs; returns how many cardholders changed. */
async function applyUpdates(
  tx: TenantTx,
  pairs: readonly { readonly row: ValidImportRow; readonly current: StoredCardholderRow }[],
): Promise<number> {
  const details: { id: string; name: string; email: string | null; address: string | null }[] = [];
  const replacedCards: string[] = [];
  const newAccounts: { accountId: string; cardholderId: string }[] = [];
  const newCards: { accountId: string; cardNumber: string }[] = [];
  let updated = 0;
  for (const { row, current } of pairs) {
    // A column missing from the file keeps what is stored; an empty cell clears it.
    const next = {
      id: current.id,
      name: row.name,
      email: row.email === undefined ? current.email : row.email,
      address: row.address === undefined ? current.address : row.address,
    };
    const detailsChanged =
      next.name !== current.name || next.email !== current.email || next.address !== current.address;
    const cardChanged = current.card_number !== row.cardNumber;
    if (detailsChanged) details.push(next);
    if (cardChanged) {
      let accountId = current.account_id;
      if (accountId === null) {
        accountId = randomUUID();
        newAccounts.push({ accountId, cardholderId: current.id });
      }
      if (current.card_number !== null) replacedCards.push(current.card_number);
      newCards.push({ accountId, cardNumber: row.cardNumber });
    }
    if (detailsChanged || cardChanged) updated++;
  }

  if (details.length > 0) {
    await updateCardholderDetails(tx, details);
  }
  if (replacedCards.length > 0) {
    // Replaced first: an account may hold only one usable card at a time.
    await markCardsReplaced(tx, replacedCards);
  }
  await addAccountsWithWallets(tx, newAccounts);
  await addActiveCards(tx, newCards);
  return updated;
}
