import type { Client } from 'pg';
import { APP_ROLE } from './database-urls';

/**
 * Creates (or resets) the login role the apps use. It owns nothing and cannot bypass
 * row-level security, so RLS policies bind it even where a query forgets the tenant.
 */
export async function ensureAppRole(admin: Client, password: string, database: string): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
  const escapedPassword = admin.escapeLiteral(password);
  const verb = exists.rowCount ? 'ALTER' : 'CREATE';
  await admin.query(
    `${verb} ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${escapedPassword}`,
  );
  await admin.query(`GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(database)} TO ${APP_ROLE}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
}

export class UnsafeDatabaseRoleError extends Error {}

/** Refuses to serve as a role that RLS would not bind. */
export async function assertRestrictedRole(query: (sql: string) => Promise<unknown[]>): Promise<void> {
  const rows = (await query(
    `SELECT r.rolname, r.rolsuper, r.rolbypassrls,
            (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
  )) as { rolname: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }[];
  const role = rows[0];
  if (!role) throw new UnsafeDatabaseRoleError('Cannot read the database role');
  const problems: string[] = [];
  if (role.rolsuper) problems.push('is a superuser');
  if (role.rolbypassrls) problems.push('has BYPASSRLS');
  if (role.owned > 0) problems.push(`owns ${role.owned} relation(s)`);
  if (problems.length) {
    throw new UnsafeDatabaseRoleError(
      `Refusing to start: database role "${role.rolname}" ${problems.join(', ')}; row-level security would not bind it. ` +
        `Connect as "${APP_ROLE}" (see APP_DATABASE_URL).`,
    );
  }
}
