import type { TenantTx } from '@kk/database';

/**
 * The ledger's SQL, kept here rather than behind an ORM: the money path wants exact
 * statements (a conditional debit that cannot overdraw, one multi-row posting insert, a
 * replay found by its key), and the invariants are reports over all postings.
 */

export async function insertTransaction(
  tx: TenantTx,
  row: { kind: string; idempotencyKey: string; description: string | null },
): Promise<string | undefined> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO ledger_transactions (tenant_id, kind, idempotency_key, description)
     VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
    [tx.tenantId, row.kind, row.idempotencyKey, row.description],
  );
  return rows[0]?.id;
}

export async function transactionIdByKey(tx: TenantTx, idempotencyKey: string): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM ledger_transactions WHERE tenant_id = $1 AND idempotency_key = $2`,
    [tx.tenantId, idempotencyKey],
  );
  if (!rows[0]) throw new Error('a replayed ledger transaction has no row');
  return rows[0].id;
}

/** Moves a wallet's balance unless it would go below zero; undefined when no wallet row changed. */
export async function moveWalletBalance(tx: TenantTx, walletId: string, delta: number): Promise<number | undefined> {
  const rows = await tx.query<{ balance: string }>(
    `UPDATE ledger_accounts SET balance = balance + $3
      WHERE tenant_id = $1 AND id = $2 AND kind = 'wallet' AND balance + $3 >= 0
      RETURNING balance`,
    [tx.tenantId, walletId, delta],
  );
  return rows[0] ? Number(rows[0].balance) : undefined;
}

export async function accountKind(tx: TenantTx, ledgerAccountId: string): Promise<string | undefined> {
  const rows = await tx.query<{ kind: string }>(`SELECT kind FROM ledger_accounts WHERE tenant_id = $1 AND id = $2`, [
    tx.tenantId,
    ledgerAccountId,
  ]);
  return rows[0]?.kind;
}

export async function insertPostings(
  tx: TenantTx,
  transactionId: string,
  postings: readonly { ledgerAccountId: string; amount: number }[],
): Promise<void> {
  const values: string[] = [];
  const params: unknown[] = [tx.tenantId, transactionId];
  postings.forEach((p, i) => {
    values.push(`($1, $2, $${3 + i * 2}, $${4 + i * 2})`);
    params.push(p.ledgerAccountId, p.amount);
  });
  await tx.query(
    `INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount) VALUES ${values.join(', ')}`,
    params,
  );
}

export async function systemAccountIdOf(tx: TenantTx, kind: string): Promise<string | undefined> {
  const rows = await tx.query<{ id: string }>(`SELECT id FROM ledger_accounts WHERE tenant_id = $1 AND kind = $2`, [
    tx.tenantId,
    kind,
  ]);
  return rows[0]?.id;
}

export async function walletBalance(tx: TenantTx, walletId: string): Promise<number | undefined> {
  const rows = await tx.query<{ balance: string }>(
    `SELECT balance FROM ledger_accounts WHERE tenant_id = $1 AND id = $2 AND kind = 'wallet'`,
    [tx.tenantId, walletId],
  );
  return rows[0] ? Number(rows[0].balance) : undefined;
}

export async function unbalancedTransactionIds(tx: TenantTx): Promise<string[]> {
  const rows = await tx.query<{ transaction_id: string }>(
    `SELECT transaction_id FROM postings WHERE tenant_id = $1 GROUP BY transaction_id HAVING sum(amount) <> 0`,
    [tx.tenantId],
  );
  return rows.map((r) => r.transaction_id);
}

export async function walletsDifferingFromPostings(
  tx: TenantTx,
): Promise<{ walletId: string; balance: number; postings: number }[]> {
  const rows = await tx.query<{ id: string; balance: string; postings: string }>(
    `SELECT w.id, w.balance, coalesce(sum(p.amount), 0) AS postings
       FROM ledger_accounts w
       LEFT JOIN postings p ON p.tenant_id = w.tenant_id AND p.ledger_account_id = w.id
      WHERE w.tenant_id = $1 AND w.kind = 'wallet'
      GROUP BY w.id, w.balance
     HAVING w.balance < 0 OR w.balance <> coalesce(sum(p.amount), 0)`,
    [tx.tenantId],
  );
  return rows.map((w) => ({ walletId: w.id, balance: Number(w.balance), postings: Number(w.postings) }));
}

export async function totalOfAllPostings(tx: TenantTx): Promise<number> {
  const rows = await tx.query<{ total: string }>(
    `SELECT coalesce(sum(amount), 0) AS total FROM postings WHERE tenant_id = $1`,
    [tx.tenantId],
  );
  return Number(rows[0].total);
}
