import { isUuid } from '@kk/database';
import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import type { LoginCaller } from '../identity-caller';
import { LoginsRepository } from '../logins/logins.repository';

/** ASVS 7.3.2: any session ends this long after sign-in, whatever its activity. */
export const SESSION_MAX_HOURS = 8;

/**
 * What a signed-in session keeps, both read from the database's clock at sign-in, so a
 * web host whose clock is off can neither stretch nor cut a session:
 * - `validAfter`: the login's sessions_valid_after then. Bumping that value (password
 *   reset, "log out everywhere", an admin's action) voids every older session without
 *   finding them in Redis. The column has millisecond precision, so a JS Date round-trips.
 * - `signedInAt`: the database's now() then, for the absolute timeout.
 */
export interface SessionStamp {
  readonly validAfter: Date;
  readonly signedInAt: Date;
}

/** A login's sessions: the stamp at sign-in, whether one still stands, and ending them all. */
@Injectable()
export class LoginSessionsService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly logins: LoginsRepository,
  ) {}

  /** Read at sign-in; called inside the transaction that proved the credentials, it joins it. */
  stamp(caller: LoginCaller): Promise<SessionStamp> {
    return this.transactions.run(caller.tenantId, async () => {
      const stamp = await this.logins.stamp(caller.loginId);
      if (!stamp) throw new Error('LoginSessionsService.stamp: no such login');
      return stamp;
    });
  }

  /**
   * Valid while the login is not disabled, no "end all sessions" came after `validAfter`,
   * and (when `signedInAt` is given) the database's clock is within SESSION_MAX_HOURS of it.
   */
  async isValid(caller: LoginCaller, validAfter: Date, signedInAt?: Date): Promise<boolean> {
    if (!isUuid(caller.loginId)) return false;
    const signedIn = signedInAt && { at: signedInAt, maxHours: SESSION_MAX_HOURS };
    return this.transactions.run(caller.tenantId, () =>
      this.logins.isSessionValid(caller.loginId, validAfter, signedIn),
    );
  }

  /**
   * Ends every session of the login; returns the new value, for the one session the caller
   * wants to keep (or start) afterwards. Strictly later than the old value, even within the
   * same millisecond.
   */
  endAll(caller: LoginCaller): Promise<Date> {
    return this.transactions.run(caller.tenantId, async () => {
      const validAfter = await this.logins.endAllSessions(caller.loginId);
      if (!validAfter) throw new Error('LoginSessionsService.endAll: no such login');
      return validAfter;
    });
  }
}
