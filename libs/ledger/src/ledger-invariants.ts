import type { TenantTx } from '@kk/database';

export interface LedgerViolations {
  /** I2: transactions whose postings do not sum to zero. */
  readonly unbalancedTransactions: string[];
  /** I3/I4: wallets whose stored balance is negative or differs from their postings. */
  readonly walletMismatches: { walletId: string; balance: number; postings: number }[];
  /** I1: the sum of every posting of the tenant. */
  readonly totalOfAllPostings: number;
}

/** The auditor's check: run after every concurrency test, and fit for a nightly job. */
export async function checkLedgerInvariants(tx: TenantTx): Promise<LedgerViolations> {
  const unbalanced = await tx.query<{ transaction_id: string }>(
    `SELECT transaction_id FROM postings WHERE tenant_id = $1 GROUP BY transaction_id HAVING sum(amount) <> 0`,
    [tx.tenantId],
  );
  const wallets = await tx.query<{ id: string; balance: string; postings: string }>(
    `SELECT w.id, w.balance, coalesce(sum(p.amount), 0) AS postings
       FROM ledger_accounts w
       LEFT JOIN postings p ON p.tenant_id = w.tenant_id AND p.ledger_account_id = w.id
      WHERE w.tenant_id = $1 AND w.kind = 'wallet'
      GROUP BY w.id, w.balance
     HAVING w.balance < 0 OR w.balance <> coalesce(sum(p.amount), 0)`,
    [tx.tenantId],
  );
  const total = await tx.query<{ total: string }>(
    `SELECT coalesce(sum(amount), 0) AS total FROM postings WHERE tenant_id = $1`,
    [tx.tenantId],
  );
  return {
    unbalancedTransactions: unbalanced.map((r) => r.transaction_id),
    walletMismatches: wallets.map((w) => ({
      walletId: w.id,
      balance: Number(w.balance),
      postings: Number(w.postings),
    })),
    totalOfAllPostings: Number(total[0].total),
  };
}
