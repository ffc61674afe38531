import type { DataSource } from 'typeorm';
import { inTenant, preparedSql } from '@kk/database';
import { createPerson, createTestTenant, openAppDataSource } from '@kk/testing';

/**
 * A named prepared statement (preparedSql) is parsed and planned once per connection, then
 * reused by whichever tenant's transaction gets that connection next. What must hold: it runs
 * in the caller's own transaction (its app.tenant_id, its uncommitted rows), and a plan cached
 * under one tenant never shows another tenant's rows, whether by the query's tenant parameter
 * or by row-level security alone.
 */
describe('named prepared statements in tenant transactions', () => {
  let ds: DataSource;
  let tenantA: string;
  let tenantB: string;
  let nameA: string;
  let nameB: string;

  // Both filter on nothing but RLS, or on the tenant parameter: the cached plan must not care.
  const byPolicyOnly = preparedSql('test_names_by_policy', 'SELECT name FROM cardholders ORDER BY name');
  const byParameter = preparedSql(
    'test_names_by_parameter',
    'SELECT name FROM cardholders WHERE tenant_id = $1 ORDER BY name',
  );
  const tenantSetting = preparedSql('test_tenant_setting', `SELECT current_setting('app.tenant_id', true) AS tenant`);

  beforeAll(async () => {
    // One connection: every transaction below reuses the statements prepared on it.
    ds = await openAppDataSource(1);
    tenantA = await createTestTenant(ds);
    tenantB = await createTestTenant(ds);
    nameA = (await createPerson(ds, tenantA)).name;
    nameB = (await createPerson(ds, tenantB)).name;
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
  });

  it('runs in the caller’s transaction: its tenant setting and its uncommitted rows', async () => {
    const [{ tenant }] = await inTenant(ds, tenantA, (tx) => tx.query<{ tenant: string }>(tenantSetting));
    expect(tenant).toBe(tenantA);
    const marker = `Uncommitted ${Date.now()}`;
    const seen = await inTenant(ds, tenantA, async (tx) => {
      await tx.query(
        `INSERT INTO cardholders (tenant_id, name, cpr_encrypted, cpr_hmac) VALUES ($1, $2, '\\x00', $3)`,
        [tenantA, marker, Buffer.from(marker)],
      );
      const rows = await tx.query<{ name: string }>(byPolicyOnly);
      throw Object.assign(new Error('roll back'), { rows });
    }).catch((error: { rows?: { name: string }[] }) => error.rows ?? []);
    expect(seen.map((r) => r.name)).toContain(marker);
    const after = await inTenant(ds, tenantA, (tx) => tx.query<{ name: string }>(byPolicyOnly));
    expect(after.map((r) => r.name)).not.toContain(marker);
  });

  it('never shows one tenant’s rows to another, however often the plan was reused first', async () => {
    // More than five runs each: PostgreSQL may switch a prepared statement to a generic plan.
    for (let i = 0; i < 8; i += 1) {
      for (const [tenant, own, other] of [
        [tenantA, nameA, nameB],
        [tenantB, nameB, nameA],
      ]) {
        const policy = await inTenant(ds, tenant, (tx) => tx.query<{ name: string }>(byPolicyOnly));
        expect(policy.map((r) => r.name)).toContain(own);
        expect(policy.map((r) => r.name)).not.toContain(other);
        // Asking for the other tenant's rows by parameter finds none: RLS still applies.
        const foreign = await inTenant(ds, tenant, (tx) =>
          tx.query<{ name: string }>(byParameter, [tenant === tenantA ? tenantB : tenantA]),
        );
        expect(foreign).toEqual([]);
      }
    }
  });
});
