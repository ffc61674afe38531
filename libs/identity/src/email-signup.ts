import type { CardNumberRule, CprCipher } from '@kk/cardholders';
import type { TenantTx } from '@kk/database';
import { findCardholderIdByCpr, isActiveCardOf } from './cardholder-access';
import { checkCardNumber, checkCpr, checkEmail } from './identity-inputs';
import { identityFailure, type IdentityFailure } from './identity-messages';
import { generateActivationCode, generateToken, hashActivationCode, hashToken } from './one-time-token';
import { countSignupAttempt, lockSignup, SIGNUP_MAX_ATTEMPTS, SIGNUP_STEP_MINUTES } from './signup-store';

/**
 * Email sign-up, the first half (seed 000 steps 1-4): the student's CPR and the email,
 * then the student's card number, then an activation code goes out by email. The second
 * half is in signup-activation.ts. A failure is returned, never thrown, and the caller
 * commits either way: attempt counters must stick.
 *
 * A CPR is never confirmed or denied on its own. Step 1 accepts any well-formed CPR; an
 * unknown one fails at step 2 with the same message, counter and timing as a wrong card
 * number, and the pair CPR + card number is as hard to guess as the card number.
 *
 * Nor is an email address: one that already has a login goes through both steps exactly as
 * a new one (seed 000 allows one login per email). At step 2, instead of a code, its owner
 * is told by email that someone tried to sign up with it; the code the page then asks for
 * exists only as a hash nobody can answer, so that sign-up can never finish.
 */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

export interface StartSignupInput {
  readonly cpr: string;
  readonly email: string;
}

export type StartSignupResult =
  { readonly ok: true; readonly signupId: string; readonly expiresAt: Date } | IdentityFailure;

export async function startSignup(
  tx: TenantTx,
  cipher: CprCipher,
  input: StartSignupInput,
): Promise<StartSignupResult> {
  const cpr = checkCpr(input.cpr);
  if (!cpr.ok) return cpr;
  const email = checkEmail(input.email);
  if (!email.ok) return email;

  const cardholderId = (await findCardholderIdByCpr(tx, cipher, cpr.value)) ?? null;
  const rows = await tx.query<{ id: string; expires_at: Date }>(
    `INSERT INTO signups (tenant_id, email, cardholder_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING id, expires_at`,
    [tx.tenantId, email.value, cardholderId, SIGNUP_STEP_MINUTES],
  );
  return { ok: true, signupId: rows[0].id, expiresAt: rows[0].expires_at };
}

export interface ConfirmStudentInput {
  /**
   * Asked by the form, as in the seed, but not compared: the card number is the proof,
   * and a spelling variant of a name must not fail a sign-up.
   */
  readonly name?: string;
  readonly cardNumber: string;
  /** The tenant's card number format; a number of the wrong shape is told at once. */
  readonly cardNumberRule?: CardNumberRule;
}

/** Everything the activation email needs. Plain secrets: send them, never store or log them. */
export interface ActivationEmail {
  readonly ok: true;
  readonly kind: 'activation';
  readonly email: string;
  readonly activationCode: string;
  /** For the link that resumes the sign-up in any browser (resumeSignup). */
  readonly resumeToken: string;
  readonly expiresAt: Date;
}

/** The email already has a login: send its owner the "someone tried to sign up" notice instead. */
export interface AlreadyRegisteredEmail {
  readonly ok: true;
  readonly kind: 'alreadyRegistered';
  readonly email: string;
  readonly expiresAt: Date;
}

export type ConfirmStudentResult = ActivationEmail | AlreadyRegisteredEmail | IdentityFailure;

/**
 * Step 2. Called again while the code is outstanding, it sends a fresh code and link
 * (the old ones stop working); the code's wrong-attempt counter carries over.
 */
export async function confirmStudent(
  tx: TenantTx,
  signupId: string,
  input: ConfirmStudentInput,
): Promise<ConfirmStudentResult> {
  const signup = await lockSignup(tx, signupId);
  if (!signup || !signup.live || (signup.step !== 'details' && signup.step !== 'activation')) {
    return identityFailure('form', 'signupNotFound');
  }
  if (signup.card_attempts >= SIGNUP_MAX_ATTEMPTS) return identityFailure('form', 'tooManyAttempts');
  const cardNumber = checkCardNumber(input.cardNumber, input.cardNumberRule);
  if (!cardNumber.ok) return cardNumber;

  // An unknown CPR still runs the card query (against no one), so it takes as long.
  const holder = signup.cardholder_id ?? NO_ONE;
  const matches = (await isActiveCardOf(tx, holder, cardNumber.value)) && signup.cardholder_id !== null;
  if (!matches) {
    const attempts = await countSignupAttempt(tx, signup.id, 'card_attempts');
    if (attempts >= SIGNUP_MAX_ATTEMPTS) return identityFailure('form', 'tooManyAttempts');
    return identityFailure('cardNumber', 'studentNotFound');
  }

  const taken = await tx.query('SELECT 1 FROM logins WHERE tenant_id = $1 AND email = $2', [tx.tenantId, signup.email]);
  // For a taken email the code and link are made, stored as hashes and thrown away unsent.
  const activationCode = generateActivationCode();
  const resumeToken = generateToken();
  const rows = await tx.query<{ expires_at: Date }>(
    `UPDATE signups
        SET step = 'activation', activation_code_hash = $3, resume_token_hash = $4,
            expires_at = now() + make_interval(mins => $5)
      WHERE tenant_id = $1 AND id = $2 RETURNING expires_at`,
    [
      tx.tenantId,
      signup.id,
      hashActivationCode(signup.id, activationCode),
      hashToken(resumeToken),
      SIGNUP_STEP_MINUTES,
    ],
  );
  const expiresAt = rows[0].expires_at;
  if (taken.length > 0) return { ok: true, kind: 'alreadyRegistered', email: signup.email, expiresAt };
  return { ok: true, kind: 'activation', email: signup.email, activationCode, resumeToken, expiresAt };
}
