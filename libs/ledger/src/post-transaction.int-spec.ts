import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { createCard, createTestTenant, openAppDataSource, walletBalance } from '@kk/testing';
import { checkLedgerInvariants } from './ledger-invariants';
import {
  InsufficientFundsError,
  postTransaction,
  systemAccountId,
  UnbalancedTransactionError,
} from './post-transaction';

describe('postTransaction', () => {
  let ds: DataSource;
  let tenant: string;
  beforeAll(async () => {
    ds = await openAppDataSource(4);
    tenant = await createTestTenant(ds);
  });
  afterAll(() => ds.destroy());

  const transfer = (walletId: string, amount: number, key: string) =>
    inTenant(ds, tenant, async (tx) =>
      postTransaction(tx, {
        kind: 'test',
        idempotencyKey: key,
        postings: [
          { ledgerAccountId: walletId, amount },
          { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -amount },
        ],
      }),
    );

  it('credits and debits a wallet and reports the balance after', async () => {
    const card = await createCard(ds, tenant, { balance: 1000 });
    const credited = await transfer(card.accountId, 500, 'pt-credit');
    expect(credited.walletBalances.get(card.accountId)).toBe(1500);
    const debited = await transfer(card.accountId, -1500, 'pt-debit');
    expect(debited.walletBalances.get(card.accountId)).toBe(0);
    expect(await walletBalance(ds, tenant, card.accountId)).toBe(0);
  });

  it('refuses to take a wallet below zero and leaves nothing behind', async () => {
    const card = await createCard(ds, tenant, { balance: 1000 });
    await expect(transfer(card.accountId, -1001, 'pt-overdraft')).rejects.toThrow(InsufficientFundsError);
    expect(await walletBalance(ds, tenant, card.accountId)).toBe(1000);
    const rows = await inTenant(ds, tenant, (tx) =>
      tx.query(`SELECT 1 FROM ledger_transactions WHERE tenant_id = $1 AND idempotency_key = 'pt-overdraft'`, [tenant]),
    );
    expect(rows).toHaveLength(0);
  });

  it('moves money once for a repeated idempotency key', async () => {
    const card = await createCard(ds, tenant, { balance: 0 });
    const first = await transfer(card.accountId, 700, 'pt-once');
    const again = await transfer(card.accountId, 700, 'pt-once');
    expect(again).toEqual({ transactionId: first.transactionId, replayed: true, walletBalances: new Map() });
    expect(await walletBalance(ds, tenant, card.accountId)).toBe(700);
  });

  it('rejects unbalanced, zero and fractional postings before touching the database', async () => {
    const card = await createCard(ds, tenant);
    const post = (amounts: number[]) =>
      inTenant(ds, tenant, (tx) =>
        postTransaction(tx, {
          kind: 'test',
          idempotencyKey: `pt-bad-${amounts.join('_')}`,
          postings: amounts.map((amount) => ({ ledgerAccountId: card.accountId, amount })),
        }),
      );
    await expect(post([100, -99])).rejects.toThrow(UnbalancedTransactionError);
    await expect(post([0, 0])).rejects.toThrow(UnbalancedTransactionError);
    await expect(post([0.5, -0.5])).rejects.toThrow(/whole number/);
    await expect(post([100])).rejects.toThrow(UnbalancedTransactionError);
    await expect(post([100, -100])).rejects.toThrow(/only once/);
  });

  it('keeps every invariant under 2 x 100 opposite concurrent transfers between two wallets', async () => {
    const a = await createCard(ds, tenant, { balance: 10_000 });
    const b = await createCard(ds, tenant, { balance: 10_000 });
    const move = (from: string, to: string, i: number, dir: string) =>
      inTenant(ds, tenant, (tx) =>
        postTransaction(tx, {
          kind: 'sibling_transfer',
          idempotencyKey: `pt-sib-${dir}-${i}`,
          postings: [
            { ledgerAccountId: from, amount: -100 },
            { ledgerAccountId: to, amount: 100 },
          ],
        }),
      );
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => [
        move(a.accountId, b.accountId, i, 'ab'),
        move(b.accountId, a.accountId, i, 'ba'),
      ]).flat(),
    );
    expect(await walletBalance(ds, tenant, a.accountId)).toBe(10_000);
    expect(await walletBalance(ds, tenant, b.accountId)).toBe(10_000);
    const violations = await inTenant(ds, tenant, (tx) => checkLedgerInvariants(tx));
    expect(violations).toEqual({ unbalancedTransactions: [], walletMismatches: [], totalOfAllPostings: 0 });
  });
});
