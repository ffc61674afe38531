import { createHash, randomBytes } from 'node:crypto';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';

export interface AdminOutput {
  email: string;
  setPasswordUrl: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TOKEN_LIFETIME = '7 days';

/**
 * A tenant admin and a one-time link to choose a password. Only the token's SHA-256 is
 * stored (a 256-bit random token needs no slow hash). Run again for an admin who has not
 * set a password yet, it issues a fresh link and the old one stops working.
 */
export async function createAdmin(ctx: CliContext, tenantSlug: string, rawEmail: string): Promise<AdminOutput> {
  const tenant = ctx.tenant(tenantSlug);
  const email = rawEmail.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw new CliError(`"${rawEmail}" is not an email address`);
  const token = randomBytes(32).toString('base64url');
  const tokenHash = createHash('sha256').update(token, 'utf8').digest();
  await ctx.inTenant(tenant, async (tx) => {
    const [admin] = await tx.query<{ id: string; has_password: boolean }>(
      `SELECT id, password_hash IS NOT NULL AS has_password FROM admins WHERE tenant_id = $1 AND email = $2 FOR UPDATE`,
      [tx.tenantId, email],
    );
    if (admin?.has_password) {
      throw new CliError(`${email} is already an admin of "${tenant.slug}" and has a password`);
    }
    await tx.query(
      `INSERT INTO admins (tenant_id, email, set_password_token_hash, set_password_expires_at)
       VALUES ($1, $2, $3, now() + $4::interval)
       ON CONFLICT (tenant_id, email) DO UPDATE
         SET set_password_token_hash = EXCLUDED.set_password_token_hash,
             set_password_expires_at = EXCLUDED.set_password_expires_at`,
      [tx.tenantId, email, tokenHash, TOKEN_LIFETIME],
    );
  });
  const base = ctx.env.PUBLIC_BASE_URL_TEMPLATE.replace('{host}', tenant.hosts[0]);
  const url = new URL('/admin/set-password', base);
  url.searchParams.set('token', token);
  return { email, setPasswordUrl: url.toString() };
}
