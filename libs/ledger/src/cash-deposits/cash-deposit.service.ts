import { Injectable } from '@nestjs/common';
import { CardsRepository, normalizeCardNumber } from '@kk/cardholders';
import { TenantTransactions } from '@kk/tenant-transactions';
import { walletBalance } from '../ledger.queries';
import { postTransaction, systemAccountId } from '../post-transaction';

export interface CashDepositInput {
  readonly cardNumber: string;
  /** Øre, positive. */
  readonly amount: number;
  /** Why, kept with the ledger transaction ("Kontant indbetaling"). */
  readonly reason: string;
  /** Unique per tenant: repeating the deposit with it moves the money once. */
  readonly idempotencyKey: string;
}

export type CashDepositResult =
  | { readonly ok: true; readonly transactionId: string; readonly balance: number; readonly replayed: boolean }
  | { readonly ok: false; readonly reason: 'unknownCard' | 'blocked' | 'replaced'; readonly cardNumber: string };

/**
 * Cash paid in at the office: the wallet of an active card gains, the tenant's cash_office
 * account gives. A blocked card takes no money (unblock it first) and a replaced one none
 * either (the current card is the account's address).
 */
@Injectable()
export class CashDepositService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly cards: CardsRepository,
  ) {}

  deposit(caller: { tenantId: string }, input: CashDepositInput): Promise<CashDepositResult> {
    const cardNumber = normalizeCardNumber(input.cardNumber);
    return this.transactions.run(caller.tenantId, async () => {
      const card = await this.cards.lockForUpdateOfBalance(cardNumber);
      if (!card) return { ok: false, reason: 'unknownCard', cardNumber };
      if (card.status !== 'active') return { ok: false, reason: card.status, cardNumber };
      const tx = this.transactions.current();
      const posted = await postTransaction(tx, {
        kind: 'cash_deposit',
        idempotencyKey: `cli-credit:${input.idempotencyKey}`,
        description: input.reason,
        postings: [
          { ledgerAccountId: card.accountId, amount: input.amount },
          { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -input.amount },
        ],
      });
      // A replayed key moved nothing: the first transaction, and today's balance.
      const balance = posted.walletBalances.get(card.accountId) ?? (await walletBalance(tx, card.accountId)) ?? 0;
      return { ok: true, transactionId: posted.transactionId, balance, replayed: posted.replayed };
    });
  }
}
