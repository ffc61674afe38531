import type { TenantTx } from '@kk/database';
import { isUuid } from './cardholder-access';

/**
 * The signups row as the flow sees it. Each step runs in one transaction that locks the
 * row first, so two tabs (or an attacker's parallel guesses) take turns, and attempt
 * counters cannot be raced past their limit.
 */
export type SignupStep = 'details' | 'activation' | 'password' | 'completed';

/** Each step has this long; the clock restarts when a step is passed. */
export const SIGNUP_STEP_MINUTES = 30;
/** Wrong card numbers, and separately wrong codes, before the sign-up must start over. */
export const SIGNUP_MAX_ATTEMPTS = 5;

export interface SignupRow {
  readonly id: string;
  readonly email: string;
  readonly cardholder_id: string | null;
  readonly step: SignupStep;
  readonly activation_code_hash: Buffer | null;
  readonly card_attempts: number;
  readonly code_attempts: number;
  /** expires_at is still ahead (by the database's clock). */
  readonly live: boolean;
}

export async function lockSignup(tx: TenantTx, signupId: string): Promise<SignupRow | undefined> {
  if (!isUuid(signupId)) return undefined;
  const rows = await tx.query<SignupRow>(
    `SELECT id, email, cardholder_id, step, activation_code_hash, card_attempts, code_attempts, expires_at > now() AS live
       FROM signups WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tx.tenantId, signupId],
  );
  return rows[0];
}

export async function countSignupAttempt(
  tx: TenantTx,
  signupId: string,
  counter: 'card_attempts' | 'code_attempts',
): Promise<number> {
  const rows = await tx.query<{ attempts: number }>(
    `UPDATE signups SET ${counter} = ${counter} + 1 WHERE tenant_id = $1 AND id = $2 RETURNING ${counter} AS attempts`,
    [tx.tenantId, signupId],
  );
  return rows[0].attempts;
}
