import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import {
  canAccessAccount,
  listMyAccounts,
  loginWithPassword,
  PasswordHasher,
  sessionIsValid,
  stampSession,
  twoFactorState,
  type MyPerson,
  type SessionStamp,
} from '@kk/identity';

export type PasswordLoginOutcome =
  | { readonly kind: 'signedIn'; readonly loginId: string; readonly stamp: SessionStamp }
  /** The password was right; the login asks a code from its app before it is signed in. */
  | { readonly kind: 'secondFactor'; readonly loginId: string }
  | { readonly kind: 'refused'; readonly message: string; readonly reason: string };

/** The portal's door to the identity domain: one tenant transaction per call, nothing else. */
@Injectable()
export class PortalIdentityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  loginWithPassword(tenantId: string, email: string, password: string): Promise<PasswordLoginOutcome> {
    return inTenant(this.dataSource, tenantId, async (tx) => {
      const result = await loginWithPassword(tx, this.hasher, email, password);
      if (!result.ok) return { kind: 'refused', message: result.message, reason: result.reason };
      if ((await twoFactorState(tx, result.loginId)) === 'on') return { kind: 'secondFactor', loginId: result.loginId };
      return { kind: 'signedIn', loginId: result.loginId, stamp: await stampSession(tx, result.loginId) };
    });
  }

  /** The stamp a new signed-in session of this login keeps (a sign-up's or MitID's sign-in). */
  stampSession(tenantId: string, loginId: string): Promise<SessionStamp> {
    return inTenant(this.dataSource, tenantId, (tx) => stampSession(tx, loginId));
  }

  sessionIsValid(tenantId: string, loginId: string, validAfter: Date, signedInAt: Date): Promise<boolean> {
    return inTenant(this.dataSource, tenantId, (tx) => sessionIsValid(tx, loginId, validAfter, signedInAt));
  }

  canAccessAccount(tenantId: string, loginId: string, accountId: string): Promise<boolean> {
    return inTenant(this.dataSource, tenantId, (tx) => canAccessAccount(tx, loginId, accountId));
  }

  myAccounts(tenantId: string, loginId: string): Promise<MyPerson[]> {
    return inTenant(this.dataSource, tenantId, (tx) => listMyAccounts(tx, loginId));
  }
}
