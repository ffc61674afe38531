import type { TenantTx } from '@kk/database';
import { checkEmail } from './identity-inputs';
import { identityFailure, type IdentityFailure } from './identity-messages';
import { endAllSessions } from './login-session';
import { generateToken, hashToken } from './one-time-token';
import type { PasswordHasher } from './password-hasher';
import { checkPassword } from './password-policy';

/**
 * "Glemt adgangskode" (OWASP Forgot Password cheat sheet): a random single-use token that
 * expires, stored hashed; the newest request is the only live one; using it sets the
 * password, ends every session and lifts a lockout.
 */
export const RESET_TOKEN_MINUTES = 30;

export interface PasswordResetRequest {
  /** Present only when the email has a login: send it in the "Nulstil adgangskode" email. */
  readonly token?: string;
  readonly loginId?: string;
  readonly expiresAt?: Date;
}

/**
 * The caller must answer the person identically whether or not a token came back, and
 * queue the email through the outbox in the same transaction (never send it before
 * answering), so timing doesn't tell either.
 */
export async function requestPasswordReset(tx: TenantTx, email: string): Promise<PasswordResetRequest> {
  const checked = checkEmail(email);
  if (!checked.ok) return {};
  const logins = await tx.query<{ id: string }>(
    'SELECT id FROM logins WHERE tenant_id = $1 AND email = $2 AND disabled_at IS NULL',
    [tx.tenantId, checked.value],
  );
  const login = logins[0];
  if (!login) return {};

  await expireUnusedTokens(tx, login.id);
  const token = generateToken();
  const rows = await tx.query<{ expires_at: Date }>(
    `INSERT INTO password_resets (tenant_id, login_id, token_hash, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at`,
    [tx.tenantId, login.id, hashToken(token), RESET_TOKEN_MINUTES],
  );
  return { token, loginId: login.id, expiresAt: rows[0].expires_at };
}

interface LiveReset {
  id: string;
  login_id: string;
  email: string | null;
}

async function findLiveReset(tx: TenantTx, token: string, lock: boolean): Promise<LiveReset | undefined> {
  const rows = await tx.query<LiveReset>(
    `SELECT r.id, r.login_id, l.email
       FROM password_resets r JOIN logins l ON l.tenant_id = r.tenant_id AND l.id = r.login_id
      WHERE r.tenant_id = $1 AND r.token_hash = $2 AND r.used_at IS NULL AND r.expires_at > now()
        AND l.disabled_at IS NULL
      ${lock ? 'FOR UPDATE OF r' : ''}`,
    [tx.tenantId, hashToken(token)],
  );
  return rows[0];
}

/** For showing the form only behind a live link; resetPassword checks again. */
export async function isResetTokenValid(tx: TenantTx, token: string): Promise<boolean> {
  return (await findLiveReset(tx, token, false)) !== undefined;
}

export type ResetPasswordResult =
  | {
      readonly ok: true;
      readonly loginId: string;
      /** The login's new value: a session started now with it stays valid. */
      readonly sessionsValidAfter: Date;
      /** Where to send the "password changed" notice (null for a login without one). */
      readonly email: string | null;
    }
  | IdentityFailure;

export async function resetPassword(
  tx: TenantTx,
  hasher: PasswordHasher,
  token: string,
  password: string,
  passwordRepeat: string,
): Promise<ResetPasswordResult> {
  const reset = await findLiveReset(tx, token, true);
  if (!reset) return identityFailure('token', 'resetLinkInvalid');
  const policy = checkPassword(password, { email: reset.email ?? undefined });
  if (!policy.ok) return policy;
  if (password !== passwordRepeat) return identityFailure('passwordRepeat', 'passwordsDiffer');

  await tx.query(
    'UPDATE logins SET password_hash = $3, failed_logins = 0, locked_until = NULL WHERE tenant_id = $1 AND id = $2',
    [tx.tenantId, reset.login_id, await hasher.hash(password)],
  );
  const sessionsValidAfter = await endAllSessions(tx, reset.login_id);
  await tx.query('UPDATE password_resets SET used_at = now() WHERE tenant_id = $1 AND id = $2', [
    tx.tenantId,
    reset.id,
  ]);
  await expireUnusedTokens(tx, reset.login_id);
  return { ok: true, loginId: reset.login_id, sessionsValidAfter, email: reset.email };
}

// Expiring rather than deleting keeps the history and needs no DELETE grant.
async function expireUnusedTokens(tx: TenantTx, loginId: string): Promise<void> {
  await tx.query(
    `UPDATE password_resets SET expires_at = now()
      WHERE tenant_id = $1 AND login_id = $2 AND used_at IS NULL AND expires_at > now()`,
    [tx.tenantId, loginId],
  );
}
