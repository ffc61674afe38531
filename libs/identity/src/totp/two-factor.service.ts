import { isUuid } from '@kk/database';
import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import type { LoginCaller } from '../identity-caller';
import { LoginsRepository } from '../logins/logins.repository';
import { LoginSessionsService, type SessionStamp } from '../sessions/login-sessions.service';
import { LoginTotpRepository, type TotpColumns } from './login-totp.repository';
import { generateTotpSecret, totpKeyUri } from './totp-enrolment';
import { TotpSecretBox } from './totp-secret-box';
import { verifyTotpCode, type TotpRefusal } from './totp-verifier';

/**
 * A login's optional second factor: a TOTP app (ASVS 6.3.3). Turned on in two steps (the
 * secret is stored sealed, then confirmed with a first code), asked after the password at
 * every email login, and turned off only with a current code. A password reset leaves it
 * on, so a reset link alone never signs anyone in (ASVS 6.4.3). The tenant admins' logins
 * will require it; this is the shared piece.
 */
export type TwoFactorState = 'off' | 'pending' | 'on';

export interface TotpEnrolment {
  /** Base32, for typing into the app by hand. */
  readonly secret: string;
  /** `otpauth://…`, for the QR code. */
  readonly keyUri: string;
}

export type TotpCheck = { readonly ok: true } | { readonly ok: false; readonly reason: TotpRefusal | 'notSetUp' };

/** Every method takes its caller (the login) first and runs in that tenant's transaction. */
@Injectable()
export class TwoFactorService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly box: TotpSecretBox,
    private readonly totp: LoginTotpRepository,
    private readonly logins: LoginsRepository,
    private readonly sessions: LoginSessionsService,
  ) {}

  state(caller: LoginCaller): Promise<TwoFactorState> {
    return this.transactions.run(caller.tenantId, async () => {
      const row = await this.columns(caller.loginId, false);
      if (!row?.totpSecret) return 'off';
      return row.totpEnabledAt ? 'on' : 'pending';
    });
  }

  /**
   * Starts (or restarts) turning the second factor on: a fresh secret, stored sealed but not
   * yet in force. Undefined when it is already on: turning it off needs a code first.
   * `issuer` is what the authenticator app shows above the code (the tenant's product name).
   */
  start(caller: LoginCaller, issuer: string): Promise<TotpEnrolment | undefined> {
    return this.transactions.run(caller.tenantId, async () => {
      const row = await this.columns(caller.loginId, true);
      if (!row || row.totpEnabledAt) return undefined;
      const secret = generateTotpSecret();
      await this.totp.setSecret(caller.loginId, this.box.seal(secret));
      return this.enrolment(caller.loginId, issuer, secret);
    });
  }

  /** The enrolment again (the page reloaded), while it is pending. */
  pending(caller: LoginCaller, issuer: string): Promise<TotpEnrolment | undefined> {
    return this.transactions.run(caller.tenantId, async () => {
      const row = await this.columns(caller.loginId, false);
      if (!row?.totpSecret || row.totpEnabledAt) return undefined;
      return this.enrolment(caller.loginId, issuer, this.box.open(row.totpSecret));
    });
  }

  /** The first code from the app puts the second factor in force. */
  confirm(caller: LoginCaller, code: string, now?: Date): Promise<TotpCheck> {
    return this.transactions.run(caller.tenantId, async () => {
      const row = await this.columns(caller.loginId, true);
      if (!row?.totpSecret || row.totpEnabledAt) return { ok: false, reason: 'notSetUp' };
      const checked = await this.check(caller.loginId, row, code, now);
      if (checked.ok) await this.totp.enable(caller.loginId);
      return checked;
    });
  }

  /** The code asked after the password (and before turning the factor off). Never the same step twice. */
  verify(caller: LoginCaller, code: string, now?: Date): Promise<TotpCheck> {
    return this.transactions.run(caller.tenantId, async () => {
      const row = await this.columns(caller.loginId, true);
      if (!row?.totpSecret || !row.totpEnabledAt) return { ok: false, reason: 'notSetUp' };
      return this.check(caller.loginId, row, code, now);
    });
  }

  /** Turns the second factor off with a current code. */
  disable(caller: LoginCaller, code: string, now?: Date): Promise<TotpCheck> {
    return this.transactions.run(caller.tenantId, async () => {
      const checked = await this.verify(caller, code, now);
      if (checked.ok) await this.totp.clear(caller.loginId);
      return checked;
    });
  }

  /** The code after the password: on success, the stamp of the session that signs the login in. */
  signIn(caller: LoginCaller, code: string): Promise<({ ok: true } & { stamp: SessionStamp }) | TotpCheck> {
    return this.transactions.run(caller.tenantId, async () => {
      const checked = await this.verify(caller, code);
      if (!checked.ok) return checked;
      return { ok: true, stamp: await this.sessions.stamp(caller) };
    });
  }

  private columns(loginId: string, lock: boolean): Promise<TotpColumns | undefined> {
    return isUuid(loginId) ? this.totp.of(loginId, lock) : Promise.resolve(undefined);
  }

  // The authenticator app shows the product above the code and the login's email below it.
  private async enrolment(loginId: string, issuer: string, secret: string): Promise<TotpEnrolment> {
    const email = (await this.logins.emailOf(loginId)) ?? '';
    return { secret, keyUri: totpKeyUri({ issuer, email, secret }) };
  }

  // The row is locked by the caller, so a code raced in by two requests passes only once.
  private async check(loginId: string, row: TotpColumns, code: string, now: Date | undefined): Promise<TotpCheck> {
    if (!row.totpSecret) return { ok: false, reason: 'notSetUp' };
    const lastUsedStep = row.totpLastStep === null ? null : Number(row.totpLastStep);
    const verified = await verifyTotpCode({ secret: this.box.open(row.totpSecret), code, lastUsedStep, now });
    if (!verified.ok) return verified;
    await this.totp.useStep(loginId, verified.step);
    return { ok: true };
  }
}
