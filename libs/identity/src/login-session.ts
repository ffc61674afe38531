import type { TenantTx } from '@kk/database';
import { isUuid } from './cardholder-access';

/** ASVS 7.3.2: any session ends this long after sign-in, whatever its activity. */
export const SESSION_MAX_HOURS = 8;

/**
 * What a signed-in session keeps, both read from the database's clock at sign-in, so a
 * web host whose clock is off can neither stretch nor cut a session:
 * - `validAfter`: the login's sessions_valid_after then. Bumping that value (password
 *   reset, "log out everywhere", an admin's action) voids every older session without
 *   finding them in Redis. The column has millisecond precision, so a JS Date round-trips.
 * - `signedInAt`: the database's now() then, for the absolute timeout.
 */
export interface SessionStamp {
  readonly validAfter: Date;
  readonly signedInAt: Date;
}

/** Read at sign-in, in the transaction that proved the credentials. */
export async function stampSession(tx: TenantTx, loginId: string): Promise<SessionStamp> {
  const rows = await tx.query<{ sessions_valid_after: Date; now: Date }>(
    `SELECT sessions_valid_after, date_trunc('milliseconds', now()) AS now FROM logins WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, loginId],
  );
  if (!rows[0]) throw new Error('stampSession: no such login');
  return { validAfter: rows[0].sessions_valid_after, signedInAt: rows[0].now };
}

/**
 * Valid while the login is not disabled, no "end all sessions" came after `validAfter`,
 * and (when `signedInAt` is given) the database's clock is within SESSION_MAX_HOURS of it.
 */
export async function sessionIsValid(
  tx: TenantTx,
  loginId: string,
  validAfter: Date,
  signedInAt?: Date,
): Promise<boolean> {
  if (!isUuid(loginId)) return false;
  const rows = await tx.query<{ valid: boolean }>(
    `SELECT disabled_at IS NULL AND sessions_valid_after <= $3
            AND ($4::timestamptz IS NULL OR now() < $4::timestamptz + make_interval(hours => $5)) AS valid
       FROM logins WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, loginId, validAfter, signedInAt ?? null, SESSION_MAX_HOURS],
  );
  return rows[0]?.valid === true;
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
