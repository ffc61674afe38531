import type { TenantTx } from '@kk/database';
import { normalizeEmail } from './identity-inputs';
import { identityFailure, type IdentityFailure } from './identity-messages';
import type { PasswordHasher } from './password-hasher';
import { PASSWORD_MAX_LENGTH, passwordLength } from './password-policy';

/**
 * After this many wrong passwords in a row the login is locked for LOCK_MINUTES. The count
 * is not reset by the lock: every further failure locks again, so an attacker gets 10
 * guesses and then 4 an hour, well inside NIST 800-63B's "at most 100 consecutive failures".
 * A right password or a password reset resets it.
 */
export const MAX_FAILED_LOGINS = 10;
export const LOCK_MINUTES = 15;

export type PasswordLoginResult =
  | {
      readonly ok: true;
      readonly loginId: string;
      /** Keep it in the session; sessionIsValid compares it with the login's current value. */
      readonly sessionsValidAfter: Date;
    }
  | (IdentityFailure & { readonly reason: 'invalid' | 'locked' });

interface LoginRow {
  id: string;
  password_hash: string | null;
  sessions_valid_after: Date;
  locked: boolean;
  disabled: boolean;
}

/**
 * One generic answer for an unknown email, a wrong password and a disabled login, each
 * after one password verification, so neither text nor timing tells which. A locked
 * login answers "too many attempts" (the web's per-email rate limit should answer the same
 * for every email, known or not, before this count is reached).
 */
export async function loginWithPassword(
  tx: TenantTx,
  hasher: PasswordHasher,
  email: string,
  password: string,
): Promise<PasswordLoginResult> {
  const invalid = { ...identityFailure('form', 'loginFailed'), reason: 'invalid' } as const;
  const rows = await tx.query<LoginRow>(
    `SELECT id, password_hash, sessions_valid_after, coalesce(locked_until > now(), false) AS locked,
            disabled_at IS NOT NULL AS disabled
       FROM logins WHERE tenant_id = $1 AND email = $2`,
    [tx.tenantId, normalizeEmail(email)],
  );
  const login = rows[0];
  // No stored password can be longer than the policy allows; don't hash megabytes for it.
  const plausible = passwordLength(password) <= PASSWORD_MAX_LENGTH;
  if (!login?.password_hash || !plausible) {
    await hasher.dummyVerify(plausible ? password : '');
    return invalid;
  }
  if (login.locked) return { ...identityFailure('form', 'loginLocked'), reason: 'locked' };

  const verified = await hasher.verify(login.password_hash, password);
  if (!verified) {
    const counted = await tx.query<{ locked: boolean }>(
      `UPDATE logins
          SET failed_logins = failed_logins + 1,
              locked_until = CASE WHEN failed_logins + 1 >= $3 THEN now() + make_interval(mins => $4) ELSE locked_until END
        WHERE tenant_id = $1 AND id = $2
        RETURNING coalesce(locked_until > now(), false) AS locked`,
      [tx.tenantId, login.id, MAX_FAILED_LOGINS, LOCK_MINUTES],
    );
    return counted[0]?.locked ? { ...identityFailure('form', 'loginLocked'), reason: 'locked' } : invalid;
  }
  if (login.disabled) return invalid;

  const rehash = hasher.needsRehash(login.password_hash) ? await hasher.hash(password) : null;
  await tx.query(
    `UPDATE logins SET failed_logins = 0, locked_until = NULL, password_hash = coalesce($3, password_hash)
      WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, login.id, rehash],
  );
  return { ok: true, loginId: login.id, sessionsValidAfter: login.sessions_valid_after };
}
