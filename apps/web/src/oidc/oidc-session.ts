import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /**
     * A broker identity that proved itself but is linked to no login yet: the session is not
     * signed in, it may only ask for the CPR number. Never the CPR itself.
     */
    oidcPending?: PendingOidcIdentity;
    /** The authorization request under way: passport-openidconnect's state and nonce. */
    oidcAuthorization?: { strategy: string; handle: string; nonce?: string };
  }
}

export interface PendingOidcIdentity {
  readonly tenantId: string;
  readonly issuer: string;
  readonly subject: string;
  readonly expiresAt: number;
  /** Wrong CPR numbers typed for this identity; bounds guessing per MitID login. */
  readonly cprMisses: number;
}

/** Long enough to find the CPR number, short as a MitID session (the broker's CPR match allows 15). */
export const PENDING_MINUTES = 15;
export const MAX_CPR_MISSES = 5;

/** A fresh session id for the half-authenticated state too, so no planted session can gain it. */
export function startPendingOidcSession(
  req: Request,
  identity: { tenantId: string; issuer: string; subject: string },
): Promise<void> {
  const locale = req.session.locale;
  return new Promise((resolve, reject) => {
    req.session.regenerate((error: unknown) => {
      if (error) return reject(new Error('the session store failed'));
      req.session.oidcPending = { ...identity, expiresAt: Date.now() + PENDING_MINUTES * 60_000, cprMisses: 0 };
      if (locale) req.session.locale = locale;
      req.session.save((saveError: unknown) => (saveError ? reject(new Error('the session store failed')) : resolve()));
    });
  });
}

/** The pending identity of this tenant, unless it has expired. */
export function pendingIdentity(req: Request, tenantId: string): PendingOidcIdentity | undefined {
  const pending = req.session?.oidcPending;
  if (!pending || pending.tenantId !== tenantId || pending.expiresAt < Date.now()) return undefined;
  return pending;
}

export function recordCprMiss(req: Request, pending: PendingOidcIdentity): number {
  const cprMisses = pending.cprMisses + 1;
  req.session.oidcPending = { ...pending, cprMisses };
  return cprMisses;
}

export function forgetPendingIdentity(req: Request): void {
  delete req.session.oidcPending;
}
