import type { TenantTx } from '@kk/database';
import { isUuid } from '../cardholder-access';
import { generateTotpSecret, totpKeyUri } from './totp-enrolment';
import type { TotpSecretBox } from './totp-secret-box';
import { verifyTotpCode, type TotpRefusal } from './totp-verifier';

/**
 * A login's optional second factor: a TOTP app (ASVS 6.3.3). Turned on in two steps (the
 * secret is stored sealed, then confirmed with a first code), asked after the password at
 * every email login, and turned off only with a current code. A password reset leaves it
 * on, so a reset link alone never signs anyone in (ASVS 6.4.3). The tenant admins' logins
 * will require it; this is the shared piece.
 */
export type TwoFactorState = 'off' | 'pending' | 'on';

interface TotpRow {
  totp_secret: Buffer | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
}

async function totpRow(tx: TenantTx, loginId: string, lock: boolean): Promise<TotpRow | undefined> {
  if (!isUuid(loginId)) return undefined;
  const rows = await tx.query<TotpRow>(
    `SELECT totp_secret, totp_enabled_at, totp_last_step FROM logins WHERE tenant_id = $1 AND id = $2
     ${lock ? 'FOR UPDATE' : ''}`,
    [tx.tenantId, loginId],
  );
  return rows[0];
}

export async function twoFactorState(tx: TenantTx, loginId: string): Promise<TwoFactorState> {
  const row = await totpRow(tx, loginId, false);
  if (!row?.totp_secret) return 'off';
  return row.totp_enabled_at ? 'on' : 'pending';
}

export interface TotpEnrolment {
  /** Base32, for typing into the app by hand. */
  readonly secret: string;
  /** `otpauth://…`, for the QR code. */
  readonly keyUri: string;
}

/**
 * Starts (or restarts) turning the second factor on: a fresh secret, stored sealed but not
 * yet in force. Undefined when it is already on: turning it off needs a code first.
 */
export async function startTotpEnrolment(
  tx: TenantTx,
  box: TotpSecretBox,
  loginId: string,
  label: { issuer: string; email: string },
): Promise<TotpEnrolment | undefined> {
  const row = await totpRow(tx, loginId, true);
  if (!row || row.totp_enabled_at) return undefined;
  const secret = generateTotpSecret();
  await tx.query('UPDATE logins SET totp_secret = $3, totp_last_step = NULL WHERE tenant_id = $1 AND id = $2', [
    tx.tenantId,
    loginId,
    box.seal(secret),
  ]);
  return { secret, keyUri: totpKeyUri({ ...label, secret }) };
}

/** The enrolment again (the page reloaded), while it is pending. */
export async function pendingTotpEnrolment(
  tx: TenantTx,
  box: TotpSecretBox,
  loginId: string,
  label: { issuer: string; email: string },
): Promise<TotpEnrolment | undefined> {
  const row = await totpRow(tx, loginId, false);
  if (!row?.totp_secret || row.totp_enabled_at) return undefined;
  const secret = box.open(row.totp_secret);
  return { secret, keyUri: totpKeyUri({ ...label, secret }) };
}

export type TotpCheck = { readonly ok: true } | { readonly ok: false; readonly reason: TotpRefusal | 'notSetUp' };

/** The first code from the app puts the second factor in force. */
export async function confirmTotpEnrolment(
  tx: TenantTx,
  box: TotpSecretBox,
  loginId: string,
  code: string,
  now?: Date,
): Promise<TotpCheck> {
  const row = await totpRow(tx, loginId, true);
  if (!row?.totp_secret || row.totp_enabled_at) return { ok: false, reason: 'notSetUp' };
  const checked = await check(tx, box, loginId, row, code, now);
  if (checked.ok) {
    await tx.query('UPDATE logins SET totp_enabled_at = now() WHERE tenant_id = $1 AND id = $2', [
      tx.tenantId,
      loginId,
    ]);
  }
  return checked;
}

/** The code asked after the password (and before turning the factor off). Never the same step twice. */
export async function verifyTwoFactorCode(
  tx: TenantTx,
  box: TotpSecretBox,
  loginId: string,
  code: string,
  now?: Date,
): Promise<TotpCheck> {
  const row = await totpRow(tx, loginId, true);
  if (!row?.totp_secret || !row.totp_enabled_at) return { ok: false, reason: 'notSetUp' };
  return check(tx, box, loginId, row, code, now);
}

/** Turns the second factor off with a current code. */
export async function disableTwoFactor(
  tx: TenantTx,
  box: TotpSecretBox,
  loginId: string,
  code: string,
  now?: Date,
): Promise<TotpCheck> {
  const checked = await verifyTwoFactorCode(tx, box, loginId, code, now);
  if (checked.ok) {
    await tx.query(
      `UPDATE logins SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
        WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, loginId],
    );
  }
  return checked;
}

// The row is locked by the caller, so a code raced in by two requests passes only once.
async function check(
  tx: TenantTx,
  box: TotpSecretBox,
  loginId: string,
  row: TotpRow,
  code: string,
  now: Date | undefined,
): Promise<TotpCheck> {
  if (!row.totp_secret) return { ok: false, reason: 'notSetUp' };
  const lastUsedStep = row.totp_last_step === null ? null : Number(row.totp_last_step);
  const verified = await verifyTotpCode({ secret: box.open(row.totp_secret), code, lastUsedStep, now });
  if (!verified.ok) return verified;
  await tx.query('UPDATE logins SET totp_last_step = $3 WHERE tenant_id = $1 AND id = $2', [
    tx.tenantId,
    loginId,
    verified.step,
  ]);
  return { ok: true };
}
