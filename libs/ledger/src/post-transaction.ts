import type { TenantTx } from '@kk/database';
import {
  accountKind,
  insertPostings,
  insertTransaction,
  moveWalletBalance,
  systemAccountIdOf,
  transactionIdByKey,
} from './ledger.queries';
import { assertOre } from './money';

/** Tenant-wide system accounts; till sales are booked on each till's own account. */
export type SystemAccountKind =
  | 'gateway_clearing'
  | 'payout_clearing'
  | 'card_fee_revenue'
  | 'webshop_sales'
  | 'subscription_revenue'
  | 'cash_office';

export interface Posting {
  /** A wallet's id (= its konto id) or a system account's id. */
  readonly ledgerAccountId: string;
  /** Signed øre; a wallet's balance is the sum of its postings. */
  readonly amount: number;
}

export interface TransactionRequest {
  readonly kind: string;
  /** Unique per tenant: a replay returns the first transaction and moves nothing. */
  readonly idempotencyKey: string;
  readonly description?: string;
  readonly postings: readonly Posting[];
}

export interface PostedTransaction {
  readonly transactionId: string;
  readonly replayed: boolean;
  /** Wallet balances after the transaction, by wallet id (empty on replay). */
  readonly walletBalances: ReadonlyMap<string, number>;
}

export class UnbalancedTransactionError extends Error {}
export class InsufficientFundsError extends Error {
  constructor(readonly walletId: string) {
    super(`wallet ${walletId} would go below zero`);
  }
}

export async function systemAccountId(tx: TenantTx, kind: SystemAccountKind): Promise<string> {
  const id = await systemAccountIdOf(tx, kind);
  if (!id) throw new Error(`tenant ${tx.tenantId} has no ${kind} account; tenants must be synced`);
  return id;
}

/**
 * Posts a balanced transaction and moves wallet balances in the caller's DB transaction.
 * Wallets are locked in id order (no deadlocks between opposite transfers) and debited
 * only while they stay at or above zero.
 */
export async function postTransaction(tx: TenantTx, request: TransactionRequest): Promise<PostedTransaction> {
  if (request.postings.length < 2) throw new UnbalancedTransactionError('a transaction needs at least two postings');
  let sum = 0;
  for (const p of request.postings) {
    assertOre(p.amount, 'posting amount');
    if (p.amount === 0) throw new UnbalancedTransactionError('a posting cannot be zero');
    sum += p.amount;
  }
  if (sum !== 0) throw new UnbalancedTransactionError(`postings sum to ${sum}, not zero`);
  if (new Set(request.postings.map((p) => p.ledgerAccountId)).size !== request.postings.length) {
    throw new UnbalancedTransactionError('an account may appear only once in a transaction');
  }

  const transactionId = await insertTransaction(tx, {
    kind: request.kind,
    idempotencyKey: request.idempotencyKey,
    description: request.description ?? null,
  });
  if (!transactionId) {
    return {
      transactionId: await transactionIdByKey(tx, request.idempotencyKey),
      replayed: true,
      walletBalances: new Map(),
    };
  }

  const walletBalances = new Map<string, number>();
  for (const p of [...request.postings].sort((a, b) => (a.ledgerAccountId < b.ledgerAccountId ? -1 : 1))) {
    const balance = await moveWalletBalance(tx, p.ledgerAccountId, p.amount);
    if (balance !== undefined) {
      walletBalances.set(p.ledgerAccountId, balance);
      continue;
    }
    // No wallet moved: a system account (no stored balance), or a wallet that would overdraw.
    const kind = await accountKind(tx, p.ledgerAccountId);
    if (!kind) throw new Error(`unknown ledger account ${p.ledgerAccountId}`);
    if (kind === 'wallet') throw new InsufficientFundsError(p.ledgerAccountId);
  }

  await insertPostings(tx, transactionId, request.postings);
  return { transactionId, replayed: false, walletBalances };
}
