import type { Client } from 'pg';
import type { TenantTx } from './tenant-transaction';

/**
 * The database lib's own SQL: provisioning (database, app role, grants), the statement
 * that binds a transaction to its tenant for RLS, and the tenants' rows that follow
 * configuration. Identifiers and the password are escaped by pg, never interpolated raw.
 */

type Execute = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Every tenant-scoped policy reads app.tenant_id; `true` makes it last this transaction only. */
export async function setTransactionTenant(execute: Execute, tenantId: string): Promise<void> {
  await execute("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
}

export async function upsertTenant(tx: TenantTx, tenant: { slug: string; name: string }): Promise<void> {
  await tx.query(
    `INSERT INTO tenants (id, name) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name WHERE tenants.name IS DISTINCT FROM EXCLUDED.name`,
    [tenant.slug, tenant.name],
  );
}

export async function ensureSystemAccounts(tx: TenantTx, kinds: readonly string[]): Promise<void> {
  await tx.query(
    `INSERT INTO ledger_accounts (tenant_id, kind)
     SELECT $1, kind FROM unnest($2::text[]) AS kind
     ON CONFLICT (tenant_id, kind) WHERE kind <> 'wallet' AND till_id IS NULL DO NOTHING`,
    [tx.tenantId, kinds],
  );
}

export async function createDatabaseIfMissing(maintenance: Client, name: string): Promise<void> {
  const found = await maintenance.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!found.rowCount) await maintenance.query(`CREATE DATABASE ${maintenance.escapeIdentifier(name)}`);
}

/** A login role that owns nothing and cannot bypass row-level security; created or reset. */
export async function createOrResetLoginRole(
  admin: Client,
  role: { name: string; password: string; database: string },
): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
  const verb = exists.rowCount ? 'ALTER' : 'CREATE';
  const name = admin.escapeIdentifier(role.name);
  await admin.query(
    `${verb} ROLE ${name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${admin.escapeLiteral(role.password)}`,
  );
  await admin.query(`GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(role.database)} TO ${name}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${name}`);
}

export interface CurrentRole {
  readonly rolname: string;
  readonly rolsuper: boolean;
  readonly rolbypassrls: boolean;
  /** Relations in the public schema the role owns (an owner is not bound by RLS). */
  readonly owned: number;
}

export async function currentRole(query: (sql: string) => Promise<unknown[]>): Promise<CurrentRole | undefined> {
  const rows = (await query(
    `SELECT r.rolname, r.rolsuper, r.rolbypassrls,
            (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
  )) as CurrentRole[];
  return rows[0];
}
