import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import { loginIdOf, type LoginId, type TenantCaller } from '../identity-caller';
import { normalizeEmail } from '../identity-inputs';
import { identityFailure, type IdentityFailure } from '../identity-messages';
import { LoginsRepository } from '../logins/logins.repository';
import { PasswordHasher } from '../password-hasher';
import { PASSWORD_MAX_LENGTH, passwordLength } from '../password-policy';
import { LoginSessionsService, type SessionStamp } from '../sessions/login-sessions.service';
import { TwoFactorService } from '../totp/two-factor.service';

/**
 * After this many wrong passwords within one streak of LOCK_MINUTES, the login is locked
 * for LOCK_MINUTES. A streak starts with the first failure and ends when it is older than
 * LOCK_MINUTES or the lock expires: then the count starts over. The web's per-email rate
 * limit (at most 4 tries per 15 minutes, so at most 8 in any 15-minute span across its
 * fixed windows) fires long before this, so a stranger cannot lock a parent out; the lock
 * is the last line when Redis, and with it the rate limit, is gone.
 * A right password or a password reset resets the count.
 */
export const MAX_FAILED_LOGINS = 10;
export const LOCK_MINUTES = 15;

export type PasswordLoginResult =
  | {
      readonly ok: true;
      readonly loginId: LoginId;
      /** Keep it in the session; LoginSessionsService.isValid compares it with the login's current value. */
      readonly sessionsValidAfter: Date;
    }
  | (IdentityFailure & {
      /** For the security log only: the person is told 'invalid' in every case. */
      readonly reason: 'invalid' | 'locked' | 'disabled';
    });

/** What the login form does next. */
export type PasswordSignIn =
  | { readonly kind: 'signedIn'; readonly loginId: LoginId; readonly stamp: SessionStamp }
  /** The password was right; the login asks a code from its app before it is signed in. */
  | { readonly kind: 'secondFactor'; readonly loginId: LoginId }
  | { readonly kind: 'refused'; readonly message: string; readonly reason: 'invalid' | 'locked' | 'disabled' };

/** Email + password sign-in, with its lock-out. */
@Injectable()
export class PasswordLoginService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly hasher: PasswordHasher,
    private readonly logins: LoginsRepository,
    private readonly sessions: LoginSessionsService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  /**
   * One answer for an unknown email, a wrong password, a locked and a disabled login: the
   * same text, after the same password verification (a locked login still verifies, and even
   * its right password answers "wrong"), so neither text, status nor timing tells which.
   */
  async login(caller: TenantCaller, email: string, password: string): Promise<PasswordLoginResult> {
    const checked = await this.check(caller, email, password);
    if (checked.kind === 'refused') return checked.result;
    return this.transactions.run(caller.tenantId, () => this.record(checked));
  }

  /** The login form: the password, then either the second factor or a signed-in session's stamp. */
  async signIn(caller: TenantCaller, email: string, password: string): Promise<PasswordSignIn> {
    const checked = await this.check(caller, email, password);
    if (checked.kind === 'refused') return signInRefused(checked.result);
    return this.transactions.run(caller.tenantId, async () => {
      const result = await this.record(checked);
      if (!result.ok) return signInRefused(result);
      const login = { tenantId: caller.tenantId, loginId: result.loginId };
      if ((await this.twoFactor.state(login)) === 'on') return { kind: 'secondFactor', loginId: result.loginId };
      return { kind: 'signedIn', loginId: result.loginId, stamp: await this.sessions.stamp(login) };
    });
  }

  /**
   * Reads the login in one short transaction and verifies the password after it: argon2 may
   * wait its turn in the hasher's queue during a burst of logins, and must not hold a database
   * connection meanwhile, or the queue would take the pool from every other page.
   */
  private async check(caller: TenantCaller, email: string, password: string): Promise<PasswordCheck> {
    const login = await this.transactions.run(caller.tenantId, () =>
      this.logins.forPasswordCheck(normalizeEmail(email)),
    );
    // No stored password can be longer than the policy allows; don't hash megabytes for it.
    const plausible = passwordLength(password) <= PASSWORD_MAX_LENGTH;
    if (!login?.passwordHash || !plausible) {
      await this.hasher.dummyVerify(plausible ? password : '');
      return { kind: 'refused', result: refused('invalid') };
    }
    const verified = await this.hasher.verify(login.passwordHash, password);
    if (login.locked) return { kind: 'refused', result: refused('locked') };
    if (!verified) return { kind: 'wrong', loginId: login.id };
    if (login.disabled) return { kind: 'refused', result: refused('disabled') };
    const rehash = this.hasher.needsRehash(login.passwordHash) ? await this.hasher.hash(password) : null;
    return { kind: 'right', loginId: login.id, passwordHash: login.passwordHash, rehash };
  }

  /** The verification's consequence for the login's streak, inside the caller's transaction. */
  private async record(checked: Exclude<PasswordCheck, { kind: 'refused' }>): Promise<PasswordLoginResult> {
    if (checked.kind === 'wrong') {
      const locked = await this.logins.countFailure(checked.loginId, {
        maxFailures: MAX_FAILED_LOGINS,
        lockMinutes: LOCK_MINUTES,
      });
      return refused(locked ? 'locked' : 'invalid');
    }
    // The hash may have waited its turn: a reset, a lock or a disabling since the read wins.
    const now = await this.logins.forSignInAfterCheck(checked.loginId);
    if (!now || now.passwordHash !== checked.passwordHash) return refused('invalid');
    if (now.locked) return refused('locked');
    if (now.disabled) return refused('disabled');
    await this.logins.clearFailures(checked.loginId, checked.rehash);
    return { ok: true, loginId: loginIdOf(checked.loginId), sessionsValidAfter: now.sessionsValidAfter };
  }
}

type Refusal = Extract<PasswordLoginResult, { ok: false }>;

/** What the password check found, before anything is written. */
type PasswordCheck =
  | { readonly kind: 'refused'; readonly result: Refusal }
  | { readonly kind: 'wrong'; readonly loginId: string }
  | {
      readonly kind: 'right';
      readonly loginId: string;
      /** The hash the password was verified against. */
      readonly passwordHash: string;
      readonly rehash: string | null;
    };

const refused = (reason: Refusal['reason']): Refusal => ({ ...identityFailure('form', 'loginFailed'), reason });

function signInRefused(result: Refusal): PasswordSignIn {
  return { kind: 'refused', message: result.message, reason: result.reason };
}
