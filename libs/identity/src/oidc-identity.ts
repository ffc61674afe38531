import type { CprCipher } from '@kk/cardholders';
import type { TenantTx } from '@kk/database';
import { findCardholderIdByCpr, grantAccess } from './cardholder-access';
import { checkCpr } from './identity-inputs';
import { identityFailure, type IdentityFailure } from './identity-messages';

/**
 * OpenID Connect logins (MitID through a broker). An identity is (issuer, sub). It is
 * linked to the cardholder whose CPR the broker vouches for: the login IS that person
 * (logins.cardholder_id) and sees them as 'self'. A CPR someone merely typed links nobody.
 */
export interface OidcLogin {
  readonly loginId: string;
  readonly sessionsValidAfter: Date;
  readonly disabled: boolean;
  /**
   * False for a link made before links needed the broker's word: it must be verified
   * again before it signs anyone in.
   */
  readonly cprVerified: boolean;
}

declare const vouched: unique symbol;

/**
 * A CPR number the identity broker vouched for in this login: a CPR claim of a verified
 * ID token, or a typed number the broker's CPR match confirmed for the identity just
 * authenticated. Only such a number can link an identity (see cprVouchedByBroker).
 */
export type BrokerVouchedCpr = string & { readonly [vouched]: true };

/**
 * Marks a CPR as vouched for. Call it only with the CPR claim of an ID token whose
 * signature was checked, or with the number a positive CPR match of this login's own
 * access token answered for; never with what a form sent.
 */
export function cprVouchedByBroker(cpr: string): BrokerVouchedCpr | undefined {
  const checked = checkCpr(cpr);
  return checked.ok ? (checked.value as BrokerVouchedCpr) : undefined;
}

export async function findLoginByIdentity(
  tx: TenantTx,
  issuer: string,
  subject: string,
): Promise<OidcLogin | undefined> {
  const rows = await tx.query<{ id: string; sessions_valid_after: Date; disabled: boolean; verified: boolean }>(
    `SELECT l.id, l.sessions_valid_after, l.disabled_at IS NOT NULL AS disabled,
            i.cpr_verified_at IS NOT NULL AS verified
       FROM login_identities i JOIN logins l ON l.tenant_id = i.tenant_id AND l.id = i.login_id
      WHERE i.tenant_id = $1 AND i.issuer = $2 AND i.subject = $3`,
    [tx.tenantId, issuer, subject],
  );
  const row = rows[0];
  return (
    row && {
      loginId: row.id,
      sessionsValidAfter: row.sessions_valid_after,
      disabled: row.disabled,
      cprVerified: row.verified,
    }
  );
}

export interface LinkIdentityInput {
  readonly issuer: string;
  readonly subject: string;
  readonly cpr: BrokerVouchedCpr;
}

export type LinkIdentityResult = ({ readonly ok: true } & OidcLogin) | IdentityFailure;

/**
 * Links the identity to the login of the person with the vouched-for CPR, creating that
 * login on the person's first MitID login. Idempotent. A second identity of the same
 * person (another broker, whose `sub` differs) joins that person's login. An identity
 * linked earlier (unverified, perhaps to someone else by a typed CPR) is re-pointed to
 * the person the broker now vouches for.
 */
export async function linkIdentityWithVouchedCpr(
  tx: TenantTx,
  cipher: CprCipher,
  input: LinkIdentityInput,
): Promise<LinkIdentityResult> {
  // The broker answered for the authenticated person, so this tells them only about themselves.
  const cardholderId = await findCardholderIdByCpr(tx, cipher, input.cpr);
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
  await tx.query(
    `INSERT INTO login_identities (tenant_id, issuer, subject, login_id, cpr_verified_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (tenant_id, issuer, subject)
     DO UPDATE SET login_id = EXCLUDED.login_id, cpr_verified_at = EXCLUDED.cpr_verified_at`,
    [tx.tenantId, input.issuer, input.subject, loginId],
  );
  const linked = await findLoginByIdentity(tx, input.issuer, input.subject);
  if (!linked) throw new Error('linkIdentityWithVouchedCpr: the identity vanished inside its transaction');
  return { ok: true, ...linked };
}
