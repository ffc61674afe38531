import type { Client } from 'pg';
import { createOrResetLoginRole, currentRole } from './database.queries';
import { APP_ROLE } from './database-urls';

/**
 * Creates (or resets) the login role the apps use. It owns nothing and cannot bypass
 * row-level security, so RLS policies bind it even where a query forgets the tenant.
 */
export async function ensureAppRole(admin: Client, password: string, database: string): Promise<void> {
  await createOrResetLoginRole(admin, { name: APP_ROLE, password, database });
}

export class UnsafeDatabaseRoleError extends Error {}

/** Refuses to serve as a role that RLS would not bind. */
export async function assertRestrictedRole(query: (sql: string) => Promise<unknown[]>): Promise<void> {
  const role = await currentRole(query);
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
