import type { TenantTx } from '@kk/database';
import { isUuid } from './cardholder-access';

/**
 * A session is valid while the instant it keeps is not before the login's
 * sessions_valid_after. Bumping that value (password reset, "log out everywhere", an
 * admin's action) voids every older session without finding them in Redis.
 *
 * Best kept: the `sessionsValidAfter` the sign-in returned (the database's own value; the
 * column has millisecond precision, so a JS Date round-trips to an equal value). The time
 * the session started (Date.now()) also works when the app's and the database's clocks
 * agree to within the time between a reset and the next sign-in.
 */
export async function sessionIsValid(tx: TenantTx, loginId: string, sessionStartedAt: Date): Promise<boolean> {
  if (!isUuid(loginId)) return false;
  const rows = await tx.query<{ sessions_valid_after: Date; disabled: boolean }>(
    `SELECT sessions_valid_after, disabled_at IS NOT NULL AS disabled FROM logins WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, loginId],
  );
  const login = rows[0];
  return !!login && !login.disabled && sessionStartedAt.getTime() >= login.sessions_valid_after.getTime();
}

/**
 * Ends every session of the login; returns the new value, for the one session the caller
 * wants to keep (or start) afterwards. Strictly later than the old value, even within the
 * same millisecond.
 */
export async function endAllSessions(tx: TenantTx, loginId: string): Promise<Date> {
  const rows = await tx.query<{ sessions_valid_after: Date }>(
    `UPDATE logins
        SET sessions_valid_after = greatest(date_trunc('milliseconds', clock_timestamp()),
                                            sessions_valid_after + interval '1 millisecond')
      WHERE tenant_id = $1 AND id = $2 RETURNING sessions_valid_after`,
    [tx.tenantId, loginId],
  );
  if (!rows[0]) throw new Error('endAllSessions: no such login');
  return rows[0].sessions_valid_after;
}
