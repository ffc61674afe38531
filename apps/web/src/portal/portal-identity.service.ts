import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import {
  canAccessAccount,
  listMyAccounts,
  loginWithPassword,
  PasswordHasher,
  sessionIsValid,
  type MyPerson,
} from '@kk/identity';

export const PORTAL_DATA_SOURCE = Symbol('PORTAL_DATA_SOURCE');

export type PasswordLoginResult = { ok: true; loginId: string } | { ok: false; message: string };

/** The portal's door to the identity domain: one tenant transaction per call, nothing else. */
@Injectable()
export class PortalIdentityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  loginWithPassword(tenantId: string, email: string, password: string): Promise<PasswordLoginResult> {
    return inTenant(this.dataSource, tenantId, (tx) => loginWithPassword(tx, this.hasher, email, password));
  }

  sessionIsValid(tenantId: string, loginId: string, startedAt: Date): Promise<boolean> {
    return inTenant(this.dataSource, tenantId, (tx) => sessionIsValid(tx, loginId, startedAt));
  }

  canAccessAccount(tenantId: string, loginId: string, accountId: string): Promise<boolean> {
    return inTenant(this.dataSource, tenantId, (tx) => canAccessAccount(tx, loginId, accountId));
  }

  myAccounts(tenantId: string, loginId: string): Promise<MyPerson[]> {
    return inTenant(this.dataSource, tenantId, (tx) => listMyAccounts(tx, loginId));
  }
}
