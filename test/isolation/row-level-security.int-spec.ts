import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { assertRestrictedRole, createAppDataSource, inTenant } from '@kk/database';
import { createCard, createTestTenant, createTill, openAdminClient, openAppDataSource, testEnv } from '@kk/testing';

/** What beforeAll writes for each tenant; every other tenant table must still show no foreign rows. */
const SEEDED_TABLES = [
  'units',
  'tills',
  'cardholders',
  'accounts',
  'account_allowed_units',
  'cards',
  'ledger_accounts',
  'ledger_transactions',
  'postings',
  'outbox',
];

describe('tenant isolation in the database', () => {
  let admin: Client;
  let ds: DataSource;
  let tenantA: string;
  let tenantB: string;
  let tenantTables: string[];

  beforeAll(async () => {
    admin = await openAdminClient();
    ds = await openAppDataSource(3);
    tenantA = await createTestTenant(ds);
    tenantB = await createTestTenant(ds);
    for (const tenant of [tenantA, tenantB]) {
      const till = await createTill(ds, tenant);
      await createCard(ds, tenant, { balance: 5000, allowedUnits: [till.unitId] });
      await inTenant(ds, tenant, (tx) =>
        tx.query(`INSERT INTO outbox (tenant_id, topic, payload) VALUES ($1, 'test', '{}')`, [tenant]),
      );
    }
    const rows = await admin.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        ORDER BY 1`,
    );
    tenantTables = rows.rows.map((r) => r.table_name);
  });
  afterAll(async () => {
    await ds.destroy();
    await admin.end();
  });

  it('has row-level security enabled and forced, with a policy, on every table with tenant_id (and tenants)', async () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(12);
    const rows = await admin.query<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      policies: number;
    }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
              (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`,
      [[...tenantTables, 'tenants']],
    );
    const unprotected = rows.rows
      .filter((r) => !r.relrowsecurity || !r.relforcerowsecurity || r.policies < 1)
      .map((r) => r.relname);
    expect(unprotected).toEqual([]);
    expect(rows.rows).toHaveLength(tenantTables.length + 1);
  });

  it('leads every primary key and index of a tenant table with tenant_id', async () => {
    const rows = await admin.query<{ indexname: string; first_column: string }>(
      `SELECT i.relname AS indexname, a.attname AS first_column
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows.rows.filter((r) => r.first_column !== 'tenant_id')).toEqual([]);
  });

  it('returns no rows from any tenant table when no tenant is set', async () => {
    for (const table of [...tenantTables, 'tenants']) {
      const rows = await ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`);
      expect([table, Number(rows[0].n)]).toEqual([table, 0]);
    }
  });

  it("shows tenant A's rows and none of tenant B's when tenant A is set", async () => {
    await inTenant(ds, tenantA, async (tx) => {
      for (const table of tenantTables) {
        const own = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenantA]);
        const other = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE tenant_id <> $1`, [
          tenantA,
        ]);
        expect([table, Number(other[0].n)]).toEqual([table, 0]);
        if (SEEDED_TABLES.includes(table)) {
          expect([table, Number(own[0].n) > 0]).toEqual([table, true]);
        }
      }
    });
  });

  it('refuses to write a row into tenant B while tenant A is set', async () => {
    await expect(
      inTenant(ds, tenantA, (tx) =>
        tx.query('INSERT INTO units (tenant_id, name) VALUES ($1, $2)', [tenantB, 'Sneaky']),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps postings and ledger transactions append-only for the app role', async () => {
    await inTenant(ds, tenantA, async (tx) => {
      await expect(tx.query('UPDATE postings SET amount = amount + 1')).rejects.toThrow(/permission denied/);
    });
    await inTenant(ds, tenantA, async (tx) => {
      await expect(tx.query('DELETE FROM postings')).rejects.toThrow(/permission denied/);
    });
    await inTenant(ds, tenantA, async (tx) => {
      await expect(tx.query('DELETE FROM ledger_transactions')).rejects.toThrow(/permission denied/);
    });
    await inTenant(ds, tenantA, async (tx) => {
      await expect(tx.query(`UPDATE ledger_accounts SET kind = 'wallet'`)).rejects.toThrow(/permission denied/);
    });
  });

  it('rejects an unbalanced transaction, a wallet below zero and a posting to no account, even from raw SQL', async () => {
    await expect(
      inTenant(ds, tenantA, async (tx) => {
        const accounts = await tx.query<{ id: string }>(
          `SELECT id FROM ledger_accounts WHERE kind <> 'wallet' LIMIT 2`,
        );
        const t = await tx.query<{ id: string }>(
          `INSERT INTO ledger_transactions (tenant_id, kind, idempotency_key) VALUES ($1, 'test', 'unbalanced') RETURNING id`,
          [tenantA],
        );
        await tx.query(
          `INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount) VALUES ($1, $2, $3, 100), ($1, $2, $4, -99)`,
          [tenantA, t[0].id, accounts[0].id, accounts[1].id],
        );
      }),
    ).rejects.toThrow(/unbalanced/);
    await expect(
      inTenant(ds, tenantA, (tx) => tx.query(`UPDATE ledger_accounts SET balance = -1 WHERE kind = 'wallet'`)),
    ).rejects.toThrow(/wallet_never_negative/);
    await expect(
      inTenant(ds, tenantA, async (tx) => {
        const [wallet] = await tx.query<{ id: string }>(`SELECT id FROM ledger_accounts WHERE kind = 'wallet' LIMIT 1`);
        const t = await tx.query<{ id: string }>(
          `INSERT INTO ledger_transactions (tenant_id, kind, idempotency_key) VALUES ($1, 'test', 'to-nowhere') RETURNING id`,
          [tenantA],
        );
        await tx.query(
          `INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount)
           VALUES ($1, $2, $3, 100), ($1, $2, gen_random_uuid(), -100)`,
          [tenantA, t[0].id, wallet.id],
        );
      }),
    ).rejects.toThrow(/no existing ledger account/);
    await expect(inTenant(ds, tenantA, (tx) => tx.query('DELETE FROM ledger_accounts'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      inTenant(ds, tenantA, (tx) => tx.query('UPDATE ledger_accounts SET id = gen_random_uuid()')),
    ).rejects.toThrow(/permission denied/);
  });

  it('does not leak the tenant to the next transaction on a pooled connection', async () => {
    const single = await createAppDataSource({
      url: testEnv().appUrl,
      poolSize: 1,
      applicationName: 'leak-test',
    }).initialize();
    try {
      for (const tenant of [tenantA, tenantB, tenantA]) {
        const seen = await inTenant(single, tenant, (tx) =>
          tx.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM units'),
        );
        expect(seen.map((r) => r.tenant_id)).toEqual([tenant]);
        const after = await single.query<{ n: string }[]>('SELECT count(*) AS n FROM units');
        expect(Number(after[0].n)).toBe(0);
      }
    } finally {
      await single.destroy();
    }
  });

  it('connects the apps as a role that is no superuser, cannot bypass RLS and owns nothing', async () => {
    await expect(assertRestrictedRole((sql) => ds.query<unknown[]>(sql))).resolves.toBeUndefined();
    await expect(
      assertRestrictedRole(async (sql) => (await admin.query<Record<string, unknown>>(sql)).rows),
    ).rejects.toThrow(/Refusing to start.*superuser/);
  });
});
