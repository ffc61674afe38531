import type { TenantTx } from '@kk/database';

/**
 * The payments lib's hand-written SQL: a wallet's row, which the ledger owns and no entity of
 * this lib maps, locked for a refund's decision.
 */

/** The wallet's balance in øre, its row locked until the transaction ends; undefined when there is none. */
export async function lockWalletBalance(tx: TenantTx, walletId: string): Promise<number | undefined> {
  const rows = await tx.query<{ balance: string }>(
    `SELECT balance FROM ledger_accounts WHERE tenant_id = $1 AND id = $2 AND kind = 'wallet' FOR UPDATE`,
    [tx.tenantId, walletId],
  );
  return rows[0] ? Number(rows[0].balance) : undefined;
}

/** The wallet's balance in øre now, unlocked. */
export async function walletBalanceOf(tx: TenantTx, walletId: string): Promise<number | undefined> {
  const rows = await tx.query<{ balance: string }>(
    `SELECT balance FROM ledger_accounts WHERE tenant_id = $1 AND id = $2 AND kind = 'wallet'`,
    [tx.tenantId, walletId],
  );
  return rows[0] ? Number(rows[0].balance) : undefined;
}
