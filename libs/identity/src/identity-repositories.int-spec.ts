import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { OutsideTenantTransactionError } from '@kk/tenant-transactions';
import {
  closeTestTenantDatabase,
  type LibTestContext,
  openTestTenantDatabase,
  startIdentityTestContext,
} from '@kk/testing';
import { LoginsRepository } from './logins/logins.repository';
import { LoginIdentitiesRepository } from './oidc/login-identities.repository';
import { PasswordResetsRepository } from './password-reset/password-resets.repository';
import { LoginAccessRepository } from './relations/login-access.repository';
import { SignupsRepository } from './signup/signups.repository';
import { LoginTotpRepository } from './totp/login-totp.repository';

/** The identity lib's repositories reach the database only inside a tenant transaction. */
describe('identity repositories outside a tenant transaction', () => {
  let ds: DataSource;
  let admin: Client;
  let lib: LibTestContext;

  beforeAll(async () => {
    ({ ds, admin } = await openTestTenantDatabase());
    lib = await startIdentityTestContext(ds);
  });
  afterAll(async () => {
    await lib?.close();
    await closeTestTenantDatabase({ ds, admin });
  });

  it('fail loudly instead of seeing no rows', async () => {
    const id = randomUUID();
    const calls: (() => Promise<unknown>)[] = [
      () => lib.get(LoginsRepository).forPasswordCheck('a@example.dk'),
      () => lib.get(LoginsRepository).endAllSessions(id),
      () => lib.get(LoginTotpRepository).of(id, false),
      () => lib.get(LoginIdentitiesRepository).loginOf('https://broker.example', 'sub'),
      () => lib.get(LoginAccessRepository).myAccountRows(id),
      () => lib.get(SignupsRepository).lock(id),
      () => lib.get(PasswordResetsRepository).findLive(Buffer.alloc(32), false),
    ];
    // Thrown at once or rejected, never a silent "no rows".
    for (const call of calls) await expect(Promise.resolve().then(call)).rejects.toThrow(OutsideTenantTransactionError);
  });
});
