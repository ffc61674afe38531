import type { TenantTx } from '@kk/database';
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
  const rows = await tx.query<{ id: string }>(`SELECT id FROM ledger_accounts WHERE tenant_id = $1 AND kind = $2`, [
    tx.tenantId,
    kind,
  ]);
  if (!rows[0]) throw new Error(`tenant ${tx.tenantId} has no ${kind} account; tenants must be synced`);
  return rows[0].id;
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

  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO ledger_transactions (tenant_id, kind, idempotency_key, description)
     VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
    [tx.tenantId, request.kind, request.idempotencyKey, request.description ?? null],
  );
  if (!inserted[0]) {
    const existing = await tx.query<{ id: string }>(
      `SELECT id FROM ledger_transactions WHERE tenant_id = $1 AND idempotency_key = $2`,
      [tx.tenantId, request.idempotencyKey],
    );
    return { transactionId: existing[0].id, replayed: true, walletBalances: new Map() };
  }
  const transactionId = inserted[0].id;

  const deltas = new Map<string, number>();
  for (const p of request.postings) deltas.set(p.ledgerAccountId, (deltas.get(p.ledgerAccountId) ?? 0) + p.amount);
  const walletBalances = new Map<string, number>();
  for (const id of [...deltas.keys()].sort()) {
    const delta = deltas.get(id) ?? 0;
    const rows = await tx.query<{ balance: string; kind: string }>(
      `UPDATE ledger_accounts SET balance = balance + $3
        WHERE tenant_id = $1 AND id = $2 AND kind = 'wallet' AND balance + $3 >= 0
        RETURNING balance`,
      [tx.tenantId, id, delta],
    );
    if (rows[0]) {
      walletBalances.set(id, Number(rows[0].balance));
      continue;
    }
    const kind = await tx.query<{ kind: string }>(`SELECT kind FROM ledger_accounts WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
    ]);
    if (!kind[0]) throw new Error(`unknown ledger account ${id}`);
    if (kind[0].kind === 'wallet') throw new InsufficientFundsError(id);
  }

  const values: string[] = [];
  const params: unknown[] = [tx.tenantId, transactionId];
  request.postings.forEach((p, i) => {
    values.push(`($1, $2, $${3 + i * 2}, $${4 + i * 2})`);
    params.push(p.ledgerAccountId, p.amount);
  });
  await tx.query(
    `INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount) VALUES ${values.join(', ')}`,
    params,
  );
  return { transactionId, replayed: false, walletBalances };
}
