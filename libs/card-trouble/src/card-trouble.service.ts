import { Injectable } from '@nestjs/common';
import { MyAccountsService, type LoginCaller } from '@kk/identity';
import { spendingPeriods } from '@kk/pos-authorization';
import { TenantTransactions } from '@kk/tenant-transactions';
import { accountFacts, cardsOfAccount, lastTillSighting, recentDeclines, spendingSoFar } from './card-trouble.queries';
import type { CardTroubleFacts } from './card-trouble.types';

/** How far back the page looks for declines and the last till sighting. */
export const DECLINE_WINDOW_DAYS = 90;

/** The page lists at most this many declines, newest first. */
export const MAX_DECLINES_SHOWN = 10;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "Kortet virker ikke": the account's cards and the facts the till decides on, read in one
 * tenant transaction, and the latest declines from the till's own log. Only for an account
 * the login may see; any other id (another's, a guess, no uuid at all) is simply not there.
 */
@Injectable()
export class CardTroubleService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly access: MyAccountsService,
  ) {}

  async facts(caller: LoginCaller, accountId: string, now: Date = new Date()): Promise<CardTroubleFacts | undefined> {
    if (!(await this.access.canAccessAccount(caller, accountId))) return undefined;
    return this.transactions.run(caller.tenantId, async () => {
      const tx = this.transactions.current();
      const account = await accountFacts(tx, accountId);
      if (!account) return undefined;
      const cards = await cardsOfAccount(tx, accountId);
      const scope = {
        accountId,
        cardNumbers: cards.map((card) => card.cardNumber),
        since: new Date(now.getTime() - DECLINE_WINDOW_DAYS * DAY_MS),
      };
      // One connection: the statements run one after another whatever the code says.
      const lastSighting = (await lastTillSighting(tx, scope)) ?? null;
      const declines = await recentDeclines(tx, scope, MAX_DECLINES_SHOWN);
      // The POS's own periods (Copenhagen days, ISO weeks, months), so "today" means what the till means.
      const spent = await spendingSoFar(tx, accountId, spendingPeriods(now));
      return { accountId, account, cards, lastSighting, spent, declines };
    });
  }
}
