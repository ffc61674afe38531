import type { Request } from 'express';
import type { LoginId } from '@kk/identity';
import type { TenantId } from '@kk/tenancy';
import { regenerateSession } from '../kit';

declare module 'express-session' {
  interface SessionData {
    /**
     * The password was right and the login asks a code from its app: not signed in yet,
     * the session may only answer the code question, for a few minutes and a few tries.
     */
    mfaPending?: PendingSecondFactor;
  }
}

export interface PendingSecondFactor {
  readonly tenantId: TenantId;
  readonly loginId: LoginId;
  /** Where the login page was going to send the person. */
  readonly next: string;
  readonly expiresAt: number;
  readonly misses: number;
}

export const SECOND_FACTOR_MINUTES = 5;
/** Wrong codes before the password must be given again (the per-login rate limit counts across sessions). */
export const MAX_SECOND_FACTOR_MISSES = 5;

export async function startSecondFactor(req: Request, values: { tenantId: TenantId; loginId: LoginId; next: string }) {
  await regenerateSession(req, (session) => {
    session.mfaPending = { ...values, expiresAt: Date.now() + SECOND_FACTOR_MINUTES * 60_000, misses: 0 };
    session.cookie.maxAge = SECOND_FACTOR_MINUTES * 60_000;
  });
}

export function pendingSecondFactor(req: Request, tenantId: TenantId): PendingSecondFactor | undefined {
  const pending = req.session?.mfaPending;
  if (!pending || pending.tenantId !== tenantId || pending.expiresAt < Date.now()) return undefined;
  return pending;
}

/** Counts a wrong code; true when the person must start over with the password. */
export function recordSecondFactorMiss(req: Request, pending: PendingSecondFactor): boolean {
  const misses = pending.misses + 1;
  if (misses >= MAX_SECOND_FACTOR_MISSES) {
    delete req.session.mfaPending;
    return true;
  }
  req.session.mfaPending = { ...pending, misses };
  return false;
}
