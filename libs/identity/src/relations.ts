import { maskCpr, type CardNumberRule, type CprCipher } from '@kk/cardholders';
import type { TenantTx } from '@kk/database';
import { findCardholderIdByCpr, grantAccess, isActiveCardOf, isUuid } from './cardholder-access';
import { checkCardNumber, checkCpr } from './identity-inputs';
import { identityFailure, identityMessage, type IdentityFailure } from './identity-messages';

/**
 * "Tilføj konto": a login asks to see another person's accounts. CPR + that person's
 * active card number grants access at once. Anything else becomes a request the person
 * approves ("Godkend tilknytninger"), whether the CPR exists or not: an unknown CPR gets
 * the same answer, the same work, and even a request row (that no one can ever approve),
 * so neither the answer nor the requester's own list of pending requests reveals whether
 * a CPR belongs to anyone here. For the same reason the requester is never shown the
 * person's name until access is granted, only the masked CPR they typed.
 *
 * Requests are decided by the logins that see the person as 'self' (the person, or the
 * guardian who signed up for the student), as in the seeds: "the other person must log
 * in and approve". A login that only has a relation cannot let others in.
 */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

export interface AddRelationInput {
  readonly cpr: string;
  /** May be empty: then a request is made. */
  readonly cardNumber: string;
  readonly cardNumberRule?: CardNumberRule;
}

export type AddRelationResult =
  | { readonly ok: true; readonly status: 'granted'; readonly cardholderId: string; readonly message: string }
  | { readonly ok: true; readonly status: 'pending'; readonly message: string }
  | IdentityFailure;

export async function addRelation(
  tx: TenantTx,
  cipher: CprCipher,
  loginId: string,
  input: AddRelationInput,
): Promise<AddRelationResult> {
  const cpr = checkCpr(input.cpr);
  if (!cpr.ok) return cpr;
  const typedCard =
    input.cardNumber.trim() === '' ? undefined : checkCardNumber(input.cardNumber, input.cardNumberRule);
  if (typedCard && !typedCard.ok) return typedCard;

  const cardholderId = await findCardholderIdByCpr(tx, cipher, cpr.value);
  const cardMatches = await isActiveCardOf(tx, cardholderId ?? NO_ONE, typedCard?.value ?? '');
  const cprHmac = cipher.blindIndex(cpr.value);

  if (cardholderId && cardMatches) {
    await grantAccess(tx, loginId, cardholderId, 'relation');
    // The pair settles an earlier request of this login for the same person.
    await tx.query(
      `UPDATE relation_requests SET status = 'withdrawn', decided_at = now(), decided_by_login_id = $2
        WHERE tenant_id = $1 AND requester_login_id = $2 AND cpr_hmac = $3 AND status = 'pending'`,
      [tx.tenantId, loginId, cprHmac],
    );
    return { ok: true, status: 'granted', cardholderId, message: identityMessage('relationAdded') };
  }

  await tx.query(
    `INSERT INTO relation_requests (tenant_id, requester_login_id, cardholder_id, cpr_hmac, cpr_masked)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, requester_login_id, cpr_hmac) WHERE status = 'pending' DO NOTHING`,
    [tx.tenantId, loginId, cardholderId ?? null, cprHmac, maskCpr(cpr.value)],
  );
  return { ok: true, status: 'pending', message: identityMessage('relationPending') };
}

/** The requester's own view: what they typed, masked, and that it awaits approval. */
export interface MyRelationRequest {
  readonly requestId: string;
  readonly cprMasked: string;
  readonly createdAt: Date;
  readonly message: string;
}

export async function myPendingRequests(tx: TenantTx, loginId: string): Promise<MyRelationRequest[]> {
  if (!isUuid(loginId)) return [];
  const rows = await tx.query<{ id: string; cpr_masked: string; created_at: Date }>(
    `SELECT id, cpr_masked, created_at FROM relation_requests
      WHERE tenant_id = $1 AND requester_login_id = $2 AND status = 'pending' ORDER BY created_at, id`,
    [tx.tenantId, loginId],
  );
  return rows.map((r) => ({
    requestId: r.id,
    cprMasked: r.cpr_masked,
    createdAt: r.created_at,
    message: identityMessage('relationPending'),
  }));
}

/** The approver's view: who asks (email and/or name, never a CPR) to see which of their persons. */
export interface RelationRequestToDecide {
  readonly requestId: string;
  readonly cardholderId: string;
  readonly cardholderName: string;
  readonly requesterEmail: string | null;
  /** Known when the requester logged in with MitID (the login is that person). */
  readonly requesterName: string | null;
  readonly createdAt: Date;
}

export async function listRelationRequests(tx: TenantTx, loginId: string): Promise<RelationRequestToDecide[]> {
  if (!isUuid(loginId)) return [];
  const rows = await tx.query<{
    id: string;
    cardholder_id: string;
    cardholder_name: string;
    requester_email: string | null;
    requester_name: string | null;
    created_at: Date;
  }>(
    `SELECT r.id, r.cardholder_id, ch.name AS cardholder_name, rl.email AS requester_email,
            rch.name AS requester_name, r.created_at
       FROM relation_requests r
       JOIN login_access la ON la.tenant_id = r.tenant_id AND la.cardholder_id = r.cardholder_id
                           AND la.login_id = $2 AND la.kind = 'self'
       JOIN cardholders ch ON ch.tenant_id = r.tenant_id AND ch.id = r.cardholder_id
       JOIN logins rl ON rl.tenant_id = r.tenant_id AND rl.id = r.requester_login_id
       LEFT JOIN cardholders rch ON rch.tenant_id = rl.tenant_id AND rch.id = rl.cardholder_id
      WHERE r.tenant_id = $1 AND r.status = 'pending' AND r.requester_login_id <> $2
      ORDER BY r.created_at, r.id`,
    [tx.tenantId, loginId],
  );
  return rows.map((r) => ({
    requestId: r.id,
    cardholderId: r.cardholder_id,
    cardholderName: r.cardholder_name,
    requesterEmail: r.requester_email,
    requesterName: r.requester_name,
    createdAt: r.created_at,
  }));
}

export type RelationDecision = 'approve' | 'reject';

export type DecideRelationResult = { readonly ok: true; readonly status: 'approved' | 'rejected' } | IdentityFailure;

/** Someone else's request, or one already decided, is "not found": ids reveal nothing. */
export async function decideRelationRequest(
  tx: TenantTx,
  loginId: string,
  requestId: string,
  decision: RelationDecision,
): Promise<DecideRelationResult> {
  if (!isUuid(loginId) || !isUuid(requestId)) return identityFailure('form', 'requestNotFound');
  const rows = await tx.query<{ requester_login_id: string; cardholder_id: string }>(
    `SELECT r.requester_login_id, r.cardholder_id
       FROM relation_requests r
       JOIN login_access la ON la.tenant_id = r.tenant_id AND la.cardholder_id = r.cardholder_id
                           AND la.login_id = $3 AND la.kind = 'self'
      WHERE r.tenant_id = $1 AND r.id = $2 AND r.status = 'pending' AND r.requester_login_id <> $3
      FOR UPDATE OF r`,
    [tx.tenantId, requestId, loginId],
  );
  const request = rows[0];
  if (!request) return identityFailure('form', 'requestNotFound');

  const status = decision === 'approve' ? 'approved' : 'rejected';
  if (status === 'approved') await grantAccess(tx, request.requester_login_id, request.cardholder_id, 'relation');
  await tx.query(
    `UPDATE relation_requests SET status = $3, decided_at = now(), decided_by_login_id = $4
      WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, requestId, status, loginId],
  );
  return { ok: true, status };
}

/** "Slet tilknytning" on one's own pending request. */
export async function withdrawRelationRequest(
  tx: TenantTx,
  loginId: string,
  requestId: string,
): Promise<{ readonly ok: true } | IdentityFailure> {
  if (!isUuid(loginId) || !isUuid(requestId)) return identityFailure('form', 'requestNotFound');
  const rows = await tx.query(
    `UPDATE relation_requests SET status = 'withdrawn', decided_at = now(), decided_by_login_id = $3
      WHERE tenant_id = $1 AND id = $2 AND requester_login_id = $3 AND status = 'pending' RETURNING id`,
    [tx.tenantId, requestId, loginId],
  );
  return rows.length > 0 ? { ok: true } : identityFailure('form', 'requestNotFound');
}
