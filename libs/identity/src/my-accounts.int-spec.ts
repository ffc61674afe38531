import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { TenantId } from '@kk/tenancy';
import { inTenant, type TenantTx } from '@kk/database';
import {
  closeTestTenantDatabase,
  createPerson,
  createTestTenant,
  type LibTestContext,
  openTestTenantDatabase,
  signUp,
  startIdentityTestContext,
  type TestPerson,
} from '@kk/testing';
import { MyAccountsService } from './my-accounts/my-accounts.service';
import { RelationsService } from './relations/relations.service';
import { loginIdOf } from './identity-caller';

describe('"Mine konti"', () => {
  let ds: DataSource;
  let admin: Client;
  let tenant: TenantId;

  let lib: LibTestContext;

  beforeAll(async () => {
    ({ ds, admin, tenant } = await openTestTenantDatabase());
    lib = await startIdentityTestContext(ds);
  });
  afterAll(async () => {
    await lib?.close();
    await closeTestTenantDatabase({ ds, admin });
  });
  const addRelation = (loginId: string, person: TestPerson) =>
    lib
      .get(RelationsService)
      .add({ tenantId: tenant, loginId: loginIdOf(loginId) }, { cpr: person.cpr, cardNumber: person.cardNumber });

  const run = <T>(work: (tx: TenantTx) => Promise<T>): Promise<T> => inTenant(ds, tenant, work);
  const myAccounts = () => lib.get(MyAccountsService);
  const listMyAccounts = (loginId: string, tenantId = tenant) =>
    myAccounts().list({ tenantId, loginId: loginIdOf(loginId) });
  const canAccessAccount = (loginId: string, accountId: string, tenantId = tenant) =>
    myAccounts().canAccessAccount({ tenantId, loginId: loginIdOf(loginId) }, accountId);
  const accessKind = (loginId: string, cardholderId: string) =>
    myAccounts().accessKind({ tenantId: tenant, loginId: loginIdOf(loginId) }, cardholderId);
  const relate = async (loginId: string, person: TestPerson) => {
    const result = await addRelation(loginId, person);
    expect(result).toMatchObject({ status: 'granted' });
  };

  it('lists self first, then relations in Danish name order, each with accounts, cards and balances', async () => {
    // CPR endings of the digits 5-9 and card numbers of 1-4, so no card number can hold a CPR's
    // ending by chance (the check at the end looks for those endings in the whole answer).
    const personWith = (name: string, cpr: string, cardNumber: string, balance?: number) =>
      createPerson(ds, tenant, { name, cpr, cardNumber, ...(balance === undefined ? {} : { balance }) });
    const child = await personWith('Ida Hansen', '0103125678', '1234123412341231', 12_550);
    const { loginId } = await signUp(lib, tenant, child);
    const ae = await personWith('Æble Østergaard', '0204126789', '2341234123412342', 100);
    const zoe = await personWith('Zoe Andersen', '0305127895', '3412341234123413');
    const bo = await personWith('Bo Hansen', '0406128956', '4123412341234124', 5_000);
    for (const person of [ae, zoe, bo]) await relate(loginId, person);

    // Bo has a second account, whose first card was replaced by a blocked one.
    const secondAccount = randomUUID();
    const [oldCard, newCard] = ['1111222233334441', '2222333344441112'];
    await admin.query(
      `INSERT INTO accounts (tenant_id, id, cardholder_id, created_at) VALUES ($1, $2, $3, now() + interval '1 minute')`,
      [tenant, secondAccount, bo.cardholderId],
    );
    await admin.query(
      `INSERT INTO ledger_accounts (tenant_id, id, kind, account_id, balance) VALUES ($1, $2, 'wallet', $2, 0)`,
      [tenant, secondAccount],
    );
    await admin.query(
      `INSERT INTO cards (tenant_id, card_number, account_id, status) VALUES ($1, $3, $2, 'replaced'), ($1, $4, $2, 'blocked')`,
      [tenant, secondAccount, oldCard, newCard],
    );

    const people = await listMyAccounts(loginId);
    expect(people.map((p) => [p.name, p.kind])).toEqual([
      ['Ida Hansen', 'self'],
      ['Bo Hansen', 'relation'],
      ['Zoe Andersen', 'relation'],
      ['Æble Østergaard', 'relation'],
    ]);
    expect(people[0].accounts).toEqual([
      { accountId: child.accountId, cardNumber: child.cardNumber, cardStatus: 'active', balance: 12_550 },
    ]);
    expect(people[1].accounts).toEqual([
      { accountId: bo.accountId, cardNumber: bo.cardNumber, cardStatus: 'active', balance: 5_000 },
      { accountId: secondAccount, cardNumber: newCard, cardStatus: 'blocked', balance: 0 },
    ]);
    expect(people.map((p) => p.cardholderId)).toEqual([child, bo, zoe, ae].map((p) => p.cardholderId));
    // Ids are random hex, and a uuid holds any four digits now and then (a run in ~120 failed
    // so): the search leaves out exactly the ids made here, so a CPR cannot hide behind them.
    const ids = [...[child, ae, zoe, bo].flatMap((p) => [p.cardholderId, p.accountId]), secondAccount];
    const text = ids.reduce((answer, id) => answer.replaceAll(id, '<id>'), JSON.stringify(people));
    for (const person of [child, ae, zoe, bo]) expect(text).not.toContain(person.cpr.slice(6));
  });

  it('answers whether a login may act on an account', async () => {
    const child = await createPerson(ds, tenant);
    const stranger = await createPerson(ds, tenant);
    const { loginId } = await signUp(lib, tenant, child);
    await expect(canAccessAccount(loginId, child.accountId)).resolves.toBe(true);
    await expect(canAccessAccount(loginId, stranger.accountId)).resolves.toBe(false);
    await expect(canAccessAccount(loginId, 'nope')).resolves.toBe(false);
  });

  it("keeps a login of tenant A away from tenant B's cardholders", async () => {
    const tenantB = await createTestTenant(ds);
    const childA = await createPerson(ds, tenant);
    const { loginId } = await signUp(lib, tenant, childA);
    const personB = await createPerson(ds, tenantB, { balance: 999 });

    // B's CPR and card mean nothing in A: a request (to no one), never access.
    const added = await addRelation(loginId, personB);
    expect(added).toMatchObject({ ok: true, status: 'pending' });
    await expect(canAccessAccount(loginId, personB.accountId)).resolves.toBe(false);
    await expect(accessKind(loginId, personB.cardholderId)).resolves.toBeUndefined();

    // Nor can a raw grant across tenants be written, nor A's login be read from B.
    await expect(
      run((tx) =>
        tx.query(
          `INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, 'relation')`,
          [tenant, loginId, personB.cardholderId],
        ),
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(
      inTenant(ds, tenantB, (tx) =>
        tx.query(
          `INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, 'relation')`,
          [tenantB, loginId, personB.cardholderId],
        ),
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(listMyAccounts(loginId, tenantB)).resolves.toEqual([]);
    await expect(canAccessAccount(loginId, personB.accountId, tenantB)).resolves.toBe(false);
    const people = await listMyAccounts(loginId);
    expect(people.map((p) => p.cardholderId)).toEqual([childA.cardholderId]);
  });
});
