import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { createCard, createTestTenant, createTill, openAppDataSource } from '@kk/testing';
import { PosAuthorizationService } from './pos-authorization.service';
import type { Till } from './till-authenticator';

/** The ids a purchase writes are UUID version 7, in the order the purchases were made. */
describe("a purchase's time-ordered ids", () => {
  let ds: DataSource;
  let tenant: string;
  let till: Till;
  let service: PosAuthorizationService;

  beforeAll(async () => {
    ds = await openAppDataSource(2);
    tenant = await createTestTenant(ds);
    const t = await createTill(ds, tenant);
    till = { tenantId: tenant, tillId: t.tillId, unitId: t.unitId, name: 'test' };
    service = new PosAuthorizationService(
      { query: (sql, params) => ds.query(sql, params) },
      { lowBalanceThreshold: () => 0 },
    );
  });
  afterAll(() => ds.destroy());

  const VERSION_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes the purchase id and its ledger transaction id version 7, ordered by time', async () => {
    const { cardNumber } = await createCard(ds, tenant, { balance: 100_000 });
    const before = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const outcome = await service.purchase(till, {
        idempotencyKey: `v7-${i}`,
        cardNumber,
        amount: 100,
        description: null,
      });
      if (outcome.kind !== 'new') throw new Error(`unexpected ${outcome.kind}`);
      ids.push(outcome.response.id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const id of ids) expect(id).toMatch(VERSION_7);
    expect([...ids].sort()).toEqual(ids);
    // The first 48 bits are the Unix milliseconds of the purchase.
    const millis = parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(Date.now());

    const transactions = await inTenant(ds, tenant, (tx) =>
      tx.query<{ id: string }>(
        `SELECT t.id FROM ledger_transactions t JOIN pos_purchases p ON p.tenant_id = t.tenant_id AND p.transaction_id = t.id
          WHERE p.tenant_id = $1 AND p.id = ANY($2::uuid[]) ORDER BY p.created_at, p.id`,
        [tenant, ids],
      ),
    );
    expect(transactions).toHaveLength(5);
    for (const { id } of transactions) expect(id).toMatch(VERSION_7);
  });
});
