import type { TenantTx } from '@kk/database';
import { grantAccess } from './cardholder-access';
import { identityFailure, type IdentityFailure } from './identity-messages';
import {
  hashActivationCode,
  hashesEqual,
  hashToken,
  isActivationCodeShape,
  normalizeActivationCode,
} from './one-time-token';
import type { PasswordHasher } from './password-hasher';
import { checkPassword } from './password-policy';
import {
  countSignupAttempt,
  lockSignup,
  SIGNUP_MAX_ATTEMPTS,
  SIGNUP_STEP_MINUTES,
  type SignupStep,
} from './signup-store';

/**
 * Email sign-up, the second half (seed 000 steps 5-7): the activation code, then the
 * password, then the login exists. Unlike the seed's portal, closing the tab loses
 * nothing: the email's resume link (resumeSignup) finds the sign-up again in any browser.
 */
export type VerifyActivationCodeResult = { readonly ok: true } | IdentityFailure;

/** Single use, 30 minutes, 5 wrong tries; then the sign-up must start over. */
export async function verifyActivationCode(
  tx: TenantTx,
  signupId: string,
  code: string,
): Promise<VerifyActivationCodeResult> {
  const signup = await lockSignup(tx, signupId);
  if (!signup || signup.step === 'details') return identityFailure('form', 'signupNotFound');
  if (signup.step === 'password' || signup.step === 'completed') return identityFailure('code', 'codeUsed');
  if (!signup.live) return identityFailure('code', 'codeExpired');
  if (signup.code_attempts >= SIGNUP_MAX_ATTEMPTS || !signup.activation_code_hash) {
    return identityFailure('form', 'tooManyAttempts');
  }
  const typed = normalizeActivationCode(code);
  if (!isActivationCodeShape(typed)) return identityFailure('code', 'codeFormat');

  if (!hashesEqual(hashActivationCode(signup.id, typed), signup.activation_code_hash)) {
    const attempts = await countSignupAttempt(tx, signup.id, 'code_attempts');
    if (attempts < SIGNUP_MAX_ATTEMPTS) return identityFailure('code', 'codeWrong');
    // Spent: no code verifies any more, whatever is tried next.
    await tx.query('UPDATE signups SET activation_code_hash = NULL WHERE tenant_id = $1 AND id = $2', [
      tx.tenantId,
      signup.id,
    ]);
    return identityFailure('form', 'tooManyAttempts');
  }

  await tx.query(
    `UPDATE signups SET step = 'password', activation_code_hash = NULL, expires_at = now() + make_interval(mins => $3)
      WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, signup.id, SIGNUP_STEP_MINUTES],
  );
  return { ok: true };
}

export type ResumeSignupResult =
  | {
      readonly ok: true;
      readonly signupId: string;
      /** Where to continue: enter the code, or choose the password. */
      readonly step: Exclude<SignupStep, 'completed'>;
      readonly email: string;
    }
  | IdentityFailure;

/**
 * The link in the activation email. It only finds the sign-up again; the code must still
 * be entered at the activation step, so the link alone proves nothing new.
 */
export async function resumeSignup(tx: TenantTx, token: string): Promise<ResumeSignupResult> {
  const rows = await tx.query<{ id: string; step: Exclude<SignupStep, 'completed'>; email: string }>(
    `SELECT id, step, email FROM signups
      WHERE tenant_id = $1 AND resume_token_hash = $2 AND step <> 'completed' AND expires_at > now()`,
    [tx.tenantId, hashToken(token)],
  );
  const signup = rows[0];
  if (!signup) return identityFailure('token', 'signupNotFound');
  return { ok: true, signupId: signup.id, step: signup.step, email: signup.email };
}

export type CompleteSignupResult =
  { readonly ok: true; readonly loginId: string; readonly sessionsValidAfter: Date } | IdentityFailure;

/** Creates the login with 'self' access to the student; the caller may log it in at once. */
export async function completeSignup(
  tx: TenantTx,
  hasher: PasswordHasher,
  signupId: string,
  password: string,
  passwordRepeat: string,
): Promise<CompleteSignupResult> {
  const signup = await lockSignup(tx, signupId);
  if (signup?.step === 'completed') return identityFailure('form', 'signupCompleted');
  if (!signup || !signup.live || !signup.cardholder_id) return identityFailure('form', 'signupNotFound');
  if (signup.step !== 'password') return identityFailure('code', 'codeRequired');

  const policy = checkPassword(password, { email: signup.email });
  if (!policy.ok) return policy;
  if (password !== passwordRepeat) return identityFailure('passwordRepeat', 'passwordsDiffer');

  // The email may have got a login since step 1 (another sign-up finished first).
  const created = await tx.query<{ id: string; sessions_valid_after: Date }>(
    `INSERT INTO logins (tenant_id, email, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, email) DO NOTHING RETURNING id, sessions_valid_after`,
    [tx.tenantId, signup.email, await hasher.hash(password)],
  );
  const login = created[0];
  if (!login) return identityFailure('form', 'emailTaken');

  await grantAccess(tx, login.id, signup.cardholder_id, 'self');
  await tx.query(
    `UPDATE signups SET step = 'completed', completed_at = now(), login_id = $3,
                        resume_token_hash = NULL, activation_code_hash = NULL
      WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, signup.id, login.id],
  );
  return { ok: true, loginId: login.id, sessionsValidAfter: login.sessions_valid_after };
}
