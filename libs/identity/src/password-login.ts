import type { TenantTx } from '@kk/database';
import { normalizeEmail } from './identity-inputs';
import { identityFailure, type IdentityFailure } from './identity-messages';
import type { PasswordHasher } from './password-hasher';
import { PASSWORD_MAX_LENGTH, passwordLength } from './password-policy';

/**
 * After this many wrong passwords within one streak of LOCK_MINUTES, the login is locked
 * for LOCK_MINUTES. A streak starts with the first failure and ends when it is older than
 * LOCK_MINUTES or the lock expires: then the count starts over. The web's per-email rate
 * limit (at most 4 tries per 15 minutes, so at most 8 in any 15-minute span across its
 * fixed windows) fires long before this, so a stranger cannot lock a parent out; the lock
 * is the last line when Redis, and with it the rate limit, is gone.
 * A right password or a password reset resets the count.
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
  | (IdentityFailure & {
      /** For the security log only: the person is told 'invalid' in every case. */
      readonly reason: 'invalid' | 'locked' | 'disabled';
    });

interface LoginRow {
  id: string;
  password_hash: string | null;
  sessions_valid_after: Date;
  locked: boolean;
  disabled: boolean;
}

/**
 * One answer for an unknown email, a wrong password, a locked and a disabled login: the
 * same text, after the same password verification (a locked login still verifies, and even
 * its right password answers "wrong"), so neither text, status nor timing tells which.
 */
export async function loginWithPassword(
  tx: TenantTx,
  hasher: PasswordHasher,
  email: string,
  password: string,
): Promise<PasswordLoginResult> {
  const refused = (reason: 'invalid' | 'locked' | 'disabled') =>
    ({ ...identityFailure('form', 'loginFailed'), reason }) as const;
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
    return refused('invalid');
  }

  const verified = await hasher.verify(login.password_hash, password);
  if (login.locked) return refused('locked');
  if (!verified) {
    const counted = await tx.query<{ locked: boolean }>(
      `UPDATE logins
          SET failed_logins = CASE WHEN ${STREAK_OVER} THEN 1 ELSE failed_logins + 1 END,
              failed_since = CASE WHEN ${STREAK_OVER} THEN now() ELSE failed_since END,
              locked_until = CASE
                WHEN (CASE WHEN ${STREAK_OVER} THEN 1 ELSE failed_logins + 1 END) >= $3
                  THEN now() + make_interval(mins => $4)
                WHEN locked_until <= now() THEN NULL
                ELSE locked_until END
        WHERE tenant_id = $1 AND id = $2
        RETURNING coalesce(locked_until > now(), false) AS locked`,
      [tx.tenantId, login.id, MAX_FAILED_LOGINS, LOCK_MINUTES],
    );
    return refused(counted[0]?.locked ? 'locked' : 'invalid');
  }
  if (login.disabled) return refused('disabled');

  const rehash = hasher.needsRehash(login.password_hash) ? await hasher.hash(password) : null;
  await tx.query(
    `UPDATE logins SET failed_logins = 0, failed_since = NULL, locked_until = NULL,
                       password_hash = coalesce($3, password_hash)
      WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, login.id, rehash],
  );
  return { ok: true, loginId: login.id, sessionsValidAfter: login.sessions_valid_after };
}

// The streak is over when it began more than LOCK_MINUTES ago or its lock has run out ($4).
const STREAK_OVER = `(failed_since IS NULL OR failed_since <= now() - make_interval(mins => $4) OR locked_until <= now())`;
