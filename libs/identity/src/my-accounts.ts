import type { TenantTx } from '@kk/database';
import { oreFromDb } from '@kk/ledger';
import { isUuid, type AccessKind } from './cardholder-access';

/** "Mine konti": every person the login may see, with their accounts, cards and balances. */
export interface MyAccount {
  readonly accountId: string;
  /** The account's current card (active or blocked); null if it has none usable. */
  readonly cardNumber: string | null;
  readonly cardStatus: 'active' | 'blocked' | null;
  /** Øre, from the account's wallet in the ledger. */
  readonly balance: number;
}

export interface MyPerson {
  readonly cardholderId: string;
  readonly name: string;
  readonly kind: AccessKind;
  readonly accounts: readonly MyAccount[];
}

interface Row {
  kind: AccessKind;
  cardholder_id: string;
  name: string;
  account_id: string | null;
  card_number: string | null;
  card_status: 'active' | 'blocked' | null;
  balance: string | null;
}

const danish = new Intl.Collator('da-DK');

/** Self first, then relations by name in Danish order (Æ, Ø, Å last); never a CPR. */
export async function listMyAccounts(tx: TenantTx, loginId: string): Promise<MyPerson[]> {
  if (!isUuid(loginId)) return [];
  const rows = await tx.query<Row>(
    `SELECT la.kind, ch.id AS cardholder_id, ch.name, a.id AS account_id,
            c.card_number, c.status AS card_status, w.balance
       FROM login_access la
       JOIN cardholders ch ON ch.tenant_id = la.tenant_id AND ch.id = la.cardholder_id
       LEFT JOIN accounts a ON a.tenant_id = ch.tenant_id AND a.cardholder_id = ch.id
       LEFT JOIN ledger_accounts w ON w.tenant_id = a.tenant_id AND w.id = a.id AND w.kind = 'wallet'
       LEFT JOIN cards c ON c.tenant_id = a.tenant_id AND c.account_id = a.id AND c.status <> 'replaced'
      WHERE la.tenant_id = $1 AND la.login_id = $2
      ORDER BY a.created_at, a.id`,
    [tx.tenantId, loginId],
  );

  const people = new Map<string, { person: Omit<MyPerson, 'accounts'>; accounts: MyAccount[] }>();
  for (const row of rows) {
    let entry = people.get(row.cardholder_id);
    if (!entry) {
      entry = { person: { cardholderId: row.cardholder_id, name: row.name, kind: row.kind }, accounts: [] };
      people.set(row.cardholder_id, entry);
    }
    if (row.account_id) {
      entry.accounts.push({
        accountId: row.account_id,
        cardNumber: row.card_number,
        cardStatus: row.card_status,
        balance: oreFromDb(row.balance) ?? 0,
      });
    }
  }
  return [...people.values()]
    .map(({ person, accounts }) => ({ ...person, accounts }))
    .sort(
      (a, b) =>
        Number(b.kind === 'self') - Number(a.kind === 'self') ||
        danish.compare(a.name, b.name) ||
        a.cardholderId.localeCompare(b.cardholderId),
    );
}
