import type { CprCipher } from '@kk/cardholders';
import type { TenantTx } from '@kk/database';

/** Which cardholders a login may see, and the lookups that decide it. */
export type AccessKind = 'self' | 'relation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from sessions and forms; a malformed one is "not found", not a SQL error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** By the CPR's blind index; the CPR itself is never compared or sent to the database. */
export async function findCardholderIdByCpr(tx: TenantTx, cipher: CprCipher, cpr: string): Promise<string | undefined> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM cardholders WHERE tenant_id = $1 AND cpr_hmac = $2', [
    tx.tenantId,
    cipher.blindIndex(cpr),
  ]);
  return rows[0]?.id;
}

/**
 * The proof that someone holds the card: the number must be the active card of one of
 * the cardholder's accounts. A replaced (old) or blocked card proves nothing.
 */
export async function isActiveCardOf(tx: TenantTx, cardholderId: string, cardNumber: string): Promise<boolean> {
  const rows = await tx.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM cards c
         JOIN accounts a ON a.tenant_id = c.tenant_id AND a.id = c.account_id
        WHERE c.tenant_id = $1 AND c.card_number = $2 AND c.status = 'active' AND a.cardholder_id = $3
     ) AS found`,
    [tx.tenantId, cardNumber, cardholderId],
  );
  return rows[0]?.found === true;
}

/** Idempotent: an existing grant (of either kind) is kept as it is. */
export async function grantAccess(
  tx: TenantTx,
  loginId: string,
  cardholderId: string,
  kind: AccessKind,
): Promise<void> {
  await tx.query(
    `INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, login_id, cardholder_id) DO NOTHING`,
    [tx.tenantId, loginId, cardholderId, kind],
  );
}

export async function accessKind(tx: TenantTx, loginId: string, cardholderId: string): Promise<AccessKind | undefined> {
  if (!isUuid(loginId) || !isUuid(cardholderId)) return undefined;
  const rows = await tx.query<{ kind: AccessKind }>(
    'SELECT kind FROM login_access WHERE tenant_id = $1 AND login_id = $2 AND cardholder_id = $3',
    [tx.tenantId, loginId, cardholderId],
  );
  return rows[0]?.kind;
}

/** For every route that takes an account id: may this login see (and act on) it? */
export async function canAccessAccount(tx: TenantTx, loginId: string, accountId: string): Promise<boolean> {
  if (!isUuid(loginId) || !isUuid(accountId)) return false;
  const rows = await tx.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM accounts a
         JOIN login_access la ON la.tenant_id = a.tenant_id AND la.cardholder_id = a.cardholder_id
        WHERE a.tenant_id = $1 AND a.id = $2 AND la.login_id = $3
     ) AS found`,
    [tx.tenantId, accountId, loginId],
  );
  return rows[0]?.found === true;
}
