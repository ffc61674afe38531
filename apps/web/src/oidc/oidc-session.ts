import type { Request } from 'express';
import type { TenantId } from '@kk/tenancy';
import { regenerateSession } from '../kit';

declare module 'express-session' {
  interface SessionData {
    /**
     * A broker identity that proved itself but is linked to no person yet (or only by a link
     * made before links needed the broker's word): the session is not signed in, it may only
     * answer the CPR question. Never the CPR itself.
     */
    oidcPending?: PendingOidcIdentity;
    /** The authorization request under way: passport-openidconnect's state and nonce. */
    oidcAuthorization?: { strategy: string; handle: string; nonce?: string };
  }
}

export interface PendingOidcIdentity {
  readonly tenantId: TenantId;
  readonly issuer: string;
  readonly subject: string;
  readonly expiresAt: number;
  /** The broker's access token of this MitID login: the CPR match is asked with it. */
  readonly accessToken: string;
  /** Linked before, on a typed CPR only: asked to confirm it once more. */
  readonly reverify: boolean;
}

/** As the broker's CPR match: 15 minutes from the MitID login. */
export const PENDING_MINUTES = 15;

/** A fresh session id for the half-authenticated state too, so no planted session can gain it. */
export async function startPendingOidcSession(
  req: Request,
  identity: Omit<PendingOidcIdentity, 'expiresAt'>,
): Promise<void> {
  await regenerateSession(req, (session) => {
    session.oidcPending = { ...identity, expiresAt: Date.now() + PENDING_MINUTES * 60_000 };
    // Short-lived: an abandoned CPR step must not keep a session in Redis for long.
    session.cookie.maxAge = PENDING_MINUTES * 60_000;
  });
}

/** The pending identity of this tenant, unless it has expired. */
export function pendingIdentity(req: Request, tenantId: TenantId): PendingOidcIdentity | undefined {
  const pending = req.session?.oidcPending;
  if (!pending || pending.tenantId !== tenantId || pending.expiresAt < Date.now()) return undefined;
  return pending;
}

export function forgetPendingIdentity(req: Request): void {
  delete req.session.oidcPending;
}
