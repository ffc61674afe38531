import { isUuid } from '@kk/database';
import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import { oreFromDb } from '@kk/ledger';
import type { AccessKind } from '../entities/login-access.entity';
import type { LoginCaller } from '../identity-caller';
import { LoginAccessRepository } from '../relations/login-access.repository';

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

const danish = new Intl.Collator('da-DK');

/** What a login may see and act on: "Mine konti", and the check every account route makes. */
@Injectable()
export class MyAccountsService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly access: LoginAccessRepository,
  ) {}

  /** Self first, then relations by name in Danish order (Æ, Ø, Å last); never a CPR. */
  async list(caller: LoginCaller): Promise<MyPerson[]> {
    if (!isUuid(caller.loginId)) return [];
    const rows = await this.transactions.run(caller.tenantId, () => this.access.myAccountRows(caller.loginId));

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

  /** For every route that takes an account id: may this login see (and act on) it? */
  async canAccessAccount(caller: LoginCaller, accountId: string): Promise<boolean> {
    if (!isUuid(caller.loginId) || !isUuid(accountId)) return false;
    return this.transactions.run(caller.tenantId, () => this.access.canAccessAccount(caller.loginId, accountId));
  }

  async accessKind(caller: LoginCaller, cardholderId: string): Promise<AccessKind | undefined> {
    if (!isUuid(caller.loginId) || !isUuid(cardholderId)) return undefined;
    return this.transactions.run(caller.tenantId, () => this.access.kindOf(caller.loginId, cardholderId));
  }
}
