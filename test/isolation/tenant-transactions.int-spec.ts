import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { CardholdersRepository, CprCipher, createCardholderWithAccount } from '@kk/cardholders';
import { inTenant } from '@kk/database';
import { OutsideTenantTransactionError, TenantTransactions } from '@kk/tenant-transactions';
import {
  closeTestTenantDatabase,
  createTestTenant,
  openTestTenantDatabase,
  startLibTestContext,
  uniqueCardNumber,
  type LibTestContext,
} from '@kk/testing';

const cipher = new CprCipher(Buffer.alloc(32, 3).toString('base64'), Buffer.alloc(32, 4).toString('base64'));

/** The tenant transaction that injected repositories run in (TenantDatabaseModule). */
describe('tenant transactions for injected repositories', () => {
  let ds: DataSource;
  let admin: Client;
  let tenantA: string;
  let tenantB: string;
  let lib: LibTestContext;
  let cardholders: CardholdersRepository;
  let transactions: TenantTransactions;
  const cprA = '0101700001';

  beforeAll(async () => {
    ({ ds, admin, tenant: tenantA } = await openTestTenantDatabase());
    tenantB = await createTestTenant(ds);
    lib = await startLibTestContext(ds, cipher);
    cardholders = lib.get(CardholdersRepository);
    transactions = lib.get(TenantTransactions);
    await inTenant(ds, tenantA, (tx) =>
      createCardholderWithAccount(tx, cipher, { cpr: cprA, name: 'Anna A', cardNumber: uniqueCardNumber() }),
    );
  });
  afterAll(async () => {
    await lib?.close();
    await closeTestTenantDatabase({ ds, admin });
  });

  it('fails loudly when a repository is used outside a tenant transaction, instead of seeing no rows', async () => {
    await expect(cardholders.idByCprIndex(cipher.blindIndex(cprA))).rejects.toThrow(OutsideTenantTransactionError);
    expect(() => transactions.current()).toThrow(OutsideTenantTransactionError);
  });

  it("sets the tenant first: a repository sees its own tenant's rows and none of another's", async () => {
    const index = cipher.blindIndex(cprA);
    await expect(lib.inTenant(tenantA, () => cardholders.idByCprIndex(index))).resolves.toMatch(/^[0-9a-f-]{36}$/);
    await expect(lib.inTenant(tenantB, () => cardholders.idByCprIndex(index))).resolves.toBeUndefined();
    const setting = await lib.inTenant(tenantB, () =>
      transactions.current().query<{ t: string }>("SELECT current_setting('app.tenant_id', true) AS t"),
    );
    expect(setting).toEqual([{ t: tenantB }]);
  });

  it('joins a run of the same tenant, refuses one of another, and rolls back on a throw', async () => {
    const joined = await lib.inTenant(tenantA, async () => {
      const outer = await transactions.current().query<{ id: string }>('SELECT txid_current()::text AS id');
      const inner = await lib.inTenant(tenantA, () =>
        transactions.current().query<{ id: string }>('SELECT txid_current()::text AS id'),
      );
      return outer[0].id === inner[0].id;
    });
    expect(joined).toBe(true);
    await expect(lib.inTenant(tenantA, () => lib.inTenant(tenantB, async () => 1))).rejects.toThrow(/of tenant/);

    const name = `Rul Tilbage ${Date.now()}`;
    await expect(
      lib.inTenant(tenantA, async () => {
        await transactions.current().query(`UPDATE cardholders SET name = $2 WHERE tenant_id = $1`, [tenantA, name]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const names = await admin.query('SELECT count(*)::int AS n FROM cardholders WHERE name = $1', [name]);
    expect(names.rows[0].n).toBe(0);
  });

  const marker = `Øjebliksbillede ${Date.now()}`;

  it('runs at the isolation level asked for, keeps one snapshot in it, and a joined run keeps the outer level', async () => {
    const level = () =>
      transactions.current().query<{ level: string }>('SELECT current_setting($1) AS level', ['transaction_isolation']);
    const [plain] = await lib.inTenant(tenantA, level);
    expect(plain.level).toBe('read committed');
    const seen = await transactions.run(
      tenantA,
      async () => {
        const [outer] = await level();
        const [inner] = await transactions.run(tenantA, level);
        // A name changed and committed by another connection in between is not seen here.
        const name = () =>
          transactions
            .current()
            .query<{ n: number }>('SELECT count(*)::int AS n FROM cardholders WHERE name = $1', [marker]);
        const before = await name();
        await admin.query('UPDATE cardholders SET name = $2 WHERE tenant_id = $1', [tenantA, marker]);
        const after = await name();
        return { outer: outer.level, inner: inner.level, before: before[0].n, after: after[0].n };
      },
      { isolationLevel: 'REPEATABLE READ' },
    );
    expect(seen).toEqual({ outer: 'repeatable read', inner: 'repeatable read', before: 0, after: 0 });
    const [committed] = (await admin.query('SELECT count(*)::int AS n FROM cardholders WHERE name = $1', [marker]))
      .rows;
    expect(committed.n).toBeGreaterThan(0);
  });

  it('keeps concurrent runs of different tenants apart (the CLS context is per async call)', async () => {
    const index = cipher.blindIndex(cprA);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        lib.inTenant(i % 2 === 0 ? tenantA : tenantB, () => cardholders.idByCprIndex(index)),
      ),
    );
    expect(results.map((r) => r !== undefined)).toEqual(Array.from({ length: 20 }, (_, i) => i % 2 === 0));
  });
});
