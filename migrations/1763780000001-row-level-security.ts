import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = [
  'units',
  'tills',
  'cardholders',
  'accounts',
  'account_allowed_units',
  'cards',
  'ledger_accounts',
  'ledger_transactions',
  'postings',
  'pos_purchases',
  'outbox',
  'admins',
];

/**
 * RLS enabled and forced on every tenant table; the app role sees a tenant's rows only
 * after `set_config('app.tenant_id', …, true)` in its transaction. No tenant, no rows.
 * Postings and ledger transactions are append-only for the app role.
 */
export class RowLevelSecurity1763780000001 implements MigrationInterface {
  name = 'RowLevelSecurity1763780000001';

  async up(q: QueryRunner): Promise<void> {
    const current = "current_setting('app.tenant_id', true)";
    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = ${current}) WITH CHECK (tenant_id = ${current})`,
      );
    }
    await q.query('ALTER TABLE tenants ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY');
    await q.query(`CREATE POLICY tenant_isolation ON tenants USING (id = ${current}) WITH CHECK (id = ${current})`);

    await q.query(`
      GRANT SELECT, INSERT, UPDATE ON tenants, units, tills, cardholders, accounts, cards, outbox, admins TO kantinekort_app;
      GRANT SELECT, INSERT, DELETE ON account_allowed_units TO kantinekort_app;
      GRANT SELECT, INSERT ON ledger_accounts, ledger_transactions, postings, pos_purchases TO kantinekort_app;
      GRANT UPDATE (balance) ON ledger_accounts TO kantinekort_app;
      GRANT UPDATE (reversed_at, reversal_transaction_id, reversal_balance) ON pos_purchases TO kantinekort_app;
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO kantinekort_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM kantinekort_app');
    for (const table of [...TENANT_TABLES, 'tenants']) {
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY`);
    }
  }
}
