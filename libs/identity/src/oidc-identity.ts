import { normalizeCpr, type CprCipher } from '@kk/cardholders';
import type { TenantTx } from '@kk/database';
import { findCardholderIdByCpr, grantAccess } from './cardholder-access';
import { checkCpr } from './identity-inputs';
import { identityFailure, type IdentityFailure } from './identity-messages';

/**
 * OpenID Connect logins (MitID through a broker). An identity is (issuer, sub); on its
 * first login the person types their CPR once, and it is linked to the cardholder with
 * that CPR: the login IS that person (logins.cardholder_id) and sees them as 'self'.
 */
export interface OidcLogin {
  readonly loginId: string;
  readonly sessionsValidAfter: Date;
  readonly disabled: boolean;
}

export async function findLoginByIdentity(
  tx: TenantTx,
  issuer: string,
  subject: string,
): Promise<OidcLogin | undefined> {
  const rows = await tx.query<{ id: string; sessions_valid_after: Date; disabled: boolean }>(
    `SELECT l.id, l.sessions_valid_after, l.disabled_at IS NOT NULL AS disabled
       FROM login_identities i JOIN logins l ON l.tenant_id = i.tenant_id AND l.id = i.login_id
      WHERE i.tenant_id = $1 AND i.issuer = $2 AND i.subject = $3`,
    [tx.tenantId, issuer, subject],
  );
  const row = rows[0];
  return row && { loginId: row.id, sessionsValidAfter: row.sessions_valid_after, disabled: row.disabled };
}

export interface LinkIdentityInput {
  readonly issuer: string;
  readonly subject: string;
  /** What the person typed (with or without the hyphen). */
  readonly cpr: string;
  /**
   * The CPR the broker vouches for (Idura/Signaturgruppen CPR match, a `dk.cpr`/`nin`
   * claim), when it sends one. Without it the typed CPR is taken on trust, and anyone
   * with a MitID who knows another person's CPR could link to that person's card.
   */
  readonly idpCpr?: string;
}

export type LinkIdentityResult =
  | ({
      readonly ok: true;
      /** False when the identity was already linked (a repeated or concurrent call). */
      readonly linkedNow: boolean;
    } & OidcLogin)
  | IdentityFailure;

/**
 * Idempotent: a second call for the same identity returns its login. A second identity
 * for the same person (another broker, whose `sub` differs) joins that person's login
 * rather than making a second one.
 */
export async function linkIdentityWithCpr(
  tx: TenantTx,
  cipher: CprCipher,
  input: LinkIdentityInput,
): Promise<LinkIdentityResult> {
  const existing = await findLoginByIdentity(tx, input.issuer, input.subject);
  if (existing) return { ok: true, linkedNow: false, ...existing };

  const cpr = checkCpr(input.cpr);
  if (!cpr.ok) return cpr;
  if (input.idpCpr !== undefined && normalizeCpr(input.idpCpr) !== cpr.value) {
    return identityFailure('cpr', 'cprNotYours');
  }
  // Saying "no card for this CPR" tells the authenticated person only about themselves.
  const cardholderId = await findCardholderIdByCpr(tx, cipher, cpr.value);
  if (!cardholderId) return identityFailure('cpr', 'noCardForCpr');

  await tx.query(
    `INSERT INTO logins (tenant_id, cardholder_id) VALUES ($1, $2) ON CONFLICT (tenant_id, cardholder_id) DO NOTHING`,
    [tx.tenantId, cardholderId],
  );
  const logins = await tx.query<{ id: string }>('SELECT id FROM logins WHERE tenant_id = $1 AND cardholder_id = $2', [
    tx.tenantId,
    cardholderId,
  ]);
  const loginId = logins[0].id;
  await grantAccess(tx, loginId, cardholderId, 'self');
  // A concurrent first login of the same identity may have won; then its row stands.
  const inserted = await tx.query<{ login_id: string }>(
    `INSERT INTO login_identities (tenant_id, issuer, subject, login_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, issuer, subject) DO NOTHING RETURNING login_id`,
    [tx.tenantId, input.issuer, input.subject, loginId],
  );
  const linked = await findLoginByIdentity(tx, input.issuer, input.subject);
  if (!linked) throw new Error('linkIdentityWithCpr: the identity vanished inside its transaction');
  return { ok: true, linkedNow: inserted.length > 0, ...linked };
}
