import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { checkLedgerInvariants } from '@kk/ledger';
import { createCard, createTestTenant, createTill, openAppDataSource, walletBalance, type TestTill } from '@kk/testing';
import { PosAuthorizationService } from './pos-authorization.service';
import type { Till } from './till-authenticator';

describe('POS authorization under concurrency (real PostgreSQL)', () => {
  let ds: DataSource;
  let tenant: string;
  let till: Till;
  let service: PosAuthorizationService;
  const calls = { purchases: 0, lockedFirst: 0 };

  beforeAll(async () => {
    ds = await openAppDataSource(20);
    tenant = await createTestTenant(ds);
    const created: TestTill = await createTill(ds, tenant);
    till = { tenantId: tenant, tillId: created.tillId, unitId: created.unitId, name: 'test' };
    // Counts the calls so the tests can show the optimistic path really raced and retried.
    service = new PosAuthorizationService(
      {
        query: async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
          if (sql.includes('pos_purchase(')) {
            calls.purchases += 1;
            if (params?.[13] === true) calls.lockedFirst += 1;
          }
          return ds.query<T[]>(sql, params);
        },
      },
      { lowBalanceThreshold: () => 5000 },
    );
  });
  afterAll(() => ds.destroy());

  async function expectLedgerSound(): Promise<void> {
    const violations = await inTenant(ds, tenant, (tx) => checkLedgerInvariants(tx));
    expect(violations).toEqual({ unbalancedTransactions: [], walletMismatches: [], totalOfAllPostings: 0 });
  }

  it('1,000 concurrent 10-kr purchases on a 1,000-kr account: exactly 100 approved, balance 0', async () => {
    const card = await createCard(ds, tenant, { balance: 100_000 });
    const lockedBefore = calls.lockedFirst;
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        service.purchase(till, {
          idempotencyKey: `t1-${i}`,
          cardNumber: card.cardNumber,
          amount: 1000,
          description: null,
        }),
      ),
    );
    const statuses = outcomes.map((o) => (o.kind === 'new' ? o.response.status : o.kind));
    expect(statuses.filter((s) => s === 'approved')).toHaveLength(100);
    expect(statuses.filter((s) => s === 'declined')).toHaveLength(900);
    const reasons = new Set(outcomes.map((o) => (o.kind === 'new' ? o.response.declineReason : null)).filter(Boolean));
    expect([...reasons]).toEqual(['insufficient_funds']);
    // Purchases that lost the race for the last funds were asked again with the wallet locked.
    expect(calls.lockedFirst - lockedBefore).toBeGreaterThan(0);
    expect(await walletBalance(ds, tenant, card.accountId)).toBe(0);
    await expectLedgerSound();
  });

  it("books each approval on the selling till's own sales account", async () => {
    const otherTill = await createTill(ds, tenant);
    const other: Till = { tenantId: tenant, tillId: otherTill.tillId, unitId: otherTill.unitId, name: 'other' };
    const card = await createCard(ds, tenant, { balance: 10_000 });
    const salesOf = async (tillId: string) =>
      inTenant(ds, tenant, async (tx) => {
        const rows = await tx.query<{ total: string }>(
          `SELECT coalesce(sum(p.amount), 0) AS total FROM ledger_accounts l
             LEFT JOIN postings p ON p.tenant_id = l.tenant_id AND p.ledger_account_id = l.id
            WHERE l.tenant_id = $1 AND l.till_id = $2`,
          [tenant, tillId],
        );
        return Number(rows[0].total);
      });
    const before = await salesOf(till.tillId);
    await service.purchase(till, {
      idempotencyKey: 'sales-1',
      cardNumber: card.cardNumber,
      amount: 300,
      description: null,
    });
    await service.purchase(other, {
      idempotencyKey: 'sales-2',
      cardNumber: card.cardNumber,
      amount: 200,
      description: null,
    });
    expect(await salesOf(till.tillId)).toBe(before + 300);
    expect(await salesOf(other.tillId)).toBe(200);
  });

  it('daily limit 100 kr with 50 concurrent 10-kr purchases: exactly 10 approved', async () => {
    const card = await createCard(ds, tenant, { balance: 1_000_000, dailyLimit: 10_000 });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        service.purchase(till, {
          idempotencyKey: `t2-${i}`,
          cardNumber: card.cardNumber,
          amount: 1000,
          description: null,
        }),
      ),
    );
    const responses = outcomes.map((o) => (o.kind === 'new' ? o.response : undefined));
    expect(responses.filter((r) => r?.status === 'approved')).toHaveLength(10);
    expect(responses.filter((r) => r?.declineReason === 'daily_limit_exceeded')).toHaveLength(40);
    expect(await walletBalance(ds, tenant, card.accountId)).toBe(990_000);
    await expectLedgerSound();
  });

  it('the same Idempotency-Key 20 times at once: one debit and 20 identical answers', async () => {
    const card = await createCard(ds, tenant, { balance: 10_000 });
    const callsBefore = calls.purchases;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        service.purchase(till, {
          idempotencyKey: 't3-same',
          cardNumber: card.cardNumber,
          amount: 700,
          description: 'Kakao',
        }),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'new')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'replayed')).toHaveLength(19);
    const bodies = outcomes.map((o) => (o.kind === 'key_reused' ? null : JSON.stringify(o.response)));
    expect(new Set(bodies).size).toBe(1);
    expect(await walletBalance(ds, tenant, card.accountId)).toBe(9300);
    expect(calls.purchases - callsBefore).toBeGreaterThanOrEqual(20);
    await expectLedgerSound();
  });

  it('a reversal sent twice at once credits once', async () => {
    const card = await createCard(ds, tenant, { balance: 10_000 });
    const bought = await service.purchase(till, {
      idempotencyKey: 't4-buy',
      cardNumber: card.cardNumber,
      amount: 2500,
      description: null,
    });
    if (bought.kind !== 'new') throw new Error('expected a new purchase');
    const reversals = await Promise.all([
      service.reverse(till, bought.response.id),
      service.reverse(till, bought.response.id),
    ]);
    expect(reversals).toEqual([
      { kind: 'reversed', id: bought.response.id, balance: 10_000 },
      { kind: 'reversed', id: bought.response.id, balance: 10_000 },
    ]);
    expect(await walletBalance(ds, tenant, card.accountId)).toBe(10_000);
    const credits = await inTenant(ds, tenant, (tx) =>
      tx.query<{ n: string }>(
        `SELECT count(*) AS n FROM ledger_transactions WHERE tenant_id = $1 AND kind = 'pos_reversal'`,
        [tenant],
      ),
    );
    expect(Number(credits[0].n)).toBe(1);
    await expectLedgerSound();
  });

  it('500 purchases against 500 reversals on one account interleaved: no deadlock, sums hold', async () => {
    const card = await createCard(ds, tenant, { balance: 500 * 100 });
    const bought = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        service.purchase(till, {
          idempotencyKey: `t5-a-${i}`,
          cardNumber: card.cardNumber,
          amount: 100,
          description: null,
        }),
      ),
    );
    const ids = bought.map((o) => (o.kind === 'new' ? o.response.id : ''));
    await Promise.all([
      ...ids.map((id) => service.reverse(till, id)),
      ...Array.from({ length: 500 }, (_, i) =>
        service.purchase(till, {
          idempotencyKey: `t5-b-${i}`,
          cardNumber: card.cardNumber,
          amount: 100,
          description: null,
        }),
      ),
    ]);
    const balance = await walletBalance(ds, tenant, card.accountId);
    expect(balance).toBeGreaterThanOrEqual(0);
    await expectLedgerSound();
  }, 30_000); // 1,000 calls: seconds on a loaded 2-core machine, and correctness, not speed, is asserted
});
