import { preparedSql, type TenantTx } from '@kk/database';
import type { AccessKind } from './entities/login-access.entity';

/**
 * The identity lib's hand-written SQL, kept here and called only by its repositories. Each
 * statement earns its place: it decides in one atomic statement, by the database's clock,
 * what an ORM update would need a read, a decision in Node and a second write (and a lock)
 * for, or it is a read model over other libs' tables. Everything else goes through the
 * repositories and their query builders.
 */

// The streak is over when it began more than lock minutes ($4) ago or its lock has run out.
const STREAK_OVER = `(failed_since IS NULL OR failed_since <= now() - make_interval(mins => $4) OR locked_until <= now())`;

/**
 * Counts one wrong password in the login's streak and locks it when the streak reaches
 * `maxFailures`: a new streak starts at 1 when the old one is over; an expired lock is
 * cleared. One statement, so parallel wrong passwords cannot race past the limit.
 */
export async function countFailedLogin(
  tx: TenantTx,
  loginId: string,
  rule: { maxFailures: number; lockMinutes: number },
): Promise<{ locked: boolean }> {
  const rows = await tx.query<{ locked: boolean }>(
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
    [tx.tenantId, loginId, rule.maxFailures, rule.lockMinutes],
  );
  return { locked: rows[0]?.locked === true };
}

/**
 * Voids every session of the login: sessions_valid_after moves to the database's clock, and
 * strictly past its old value even within the same millisecond. Undefined for no such login.
 */
export async function bumpSessionsValidAfter(tx: TenantTx, loginId: string): Promise<Date | undefined> {
  const rows = await tx.query<{ sessions_valid_after: Date }>(
    `UPDATE logins
        SET sessions_valid_after = greatest(date_trunc('milliseconds', clock_timestamp()),
                                            sessions_valid_after + interval '1 millisecond')
      WHERE tenant_id = $1 AND id = $2 RETURNING sessions_valid_after`,
    [tx.tenantId, loginId],
  );
  return rows[0]?.sessions_valid_after;
}

/** One row of "Mine konti": a person the login sees, and one of their accounts (if any) with card and balance. */
export interface MyAccountRow {
  readonly kind: AccessKind;
  readonly cardholder_id: string;
  readonly name: string;
  readonly account_id: string | null;
  readonly card_number: string | null;
  readonly card_status: 'active' | 'blocked' | null;
  /** bigint øre, as the driver returns it. */
  readonly balance: string | null;
}

/**
 * "Mine konti"'s read model: the login's access rows joined to the people, their accounts,
 * each account's current card and its wallet's balance (the ledger's table), in one round
 * trip, accounts in the order they were made.
 */
export function myAccountRows(tx: TenantTx, loginId: string): Promise<MyAccountRow[]> {
  return tx.query<MyAccountRow>(MY_ACCOUNT_ROWS_SQL, [tx.tenantId, loginId]);
}

// Every signed-in page asks it (the menu's accounts): planned once per connection.
const MY_ACCOUNT_ROWS_SQL = preparedSql(
  'my_account_rows',
  `SELECT la.kind, ch.id AS cardholder_id, ch.name, a.id AS account_id,
          c.card_number, c.status AS card_status, w.balance
     FROM login_access la
     JOIN cardholders ch ON ch.tenant_id = la.tenant_id AND ch.id = la.cardholder_id
     LEFT JOIN accounts a ON a.tenant_id = ch.tenant_id AND a.cardholder_id = ch.id
     LEFT JOIN ledger_accounts w ON w.tenant_id = a.tenant_id AND w.id = a.id AND w.kind = 'wallet'
     LEFT JOIN cards c ON c.tenant_id = a.tenant_id AND c.account_id = a.id AND c.status <> 'replaced'
    WHERE la.tenant_id = $1 AND la.login_id = $2
    ORDER BY a.created_at, a.id`,
);

/** For a query builder's set()/values(): the database's clock plus whole minutes (a deadline). */
export function minutesFromNow(minutes: number): () => string {
  if (!Number.isSafeInteger(minutes)) throw new Error(`minutesFromNow: not whole minutes: ${minutes}`);
  return () => `now() + make_interval(mins => ${minutes})`;
}
