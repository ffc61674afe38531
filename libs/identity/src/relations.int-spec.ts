import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { TenantId } from '@kk/tenancy';
import {
  closeTestTenantDatabase,
  createPerson,
  createTestTenant,
  type LibTestContext,
  openTestTenantDatabase,
  signUp,
  startIdentityTestContext,
  type TestPerson,
  uniqueCpr,
} from '@kk/testing';
import { MyAccountsService } from './my-accounts/my-accounts.service';
import { RelationsService, type RelationDecision } from './relations/relations.service';
import { loginIdOf } from './identity-caller';

describe('relations ("Tilføj konto", "Godkend tilknytninger")', () => {
  let ds: DataSource;
  let admin: Client;
  let tenant: TenantId;

  let lib: LibTestContext;
  let relations: RelationsService;
  let myAccounts: MyAccountsService;

  beforeAll(async () => {
    ({ ds, admin, tenant } = await openTestTenantDatabase());
    lib = await startIdentityTestContext(ds);
    relations = lib.get(RelationsService);
    myAccounts = lib.get(MyAccountsService);
  });
  afterAll(async () => {
    await lib?.close();
    await closeTestTenantDatabase({ ds, admin });
  });

  const as = (loginId: string, tenantId = tenant) => ({ tenantId, loginId: loginIdOf(loginId) });
  const accessKind = (loginId: string, cardholderId: string) => myAccounts.accessKind(as(loginId), cardholderId);
  const add = (loginId: string, cpr: string, cardNumber: string) => relations.add(as(loginId), { cpr, cardNumber });
  const myPendingRequests = (loginId: string) => relations.myPending(as(loginId));
  const listRelationRequests = (loginId: string) => relations.toDecide(as(loginId));
  const decideRelationRequest = (loginId: string, requestId: string, decision: RelationDecision, tenantId = tenant) =>
    relations.decide(as(loginId, tenantId), requestId, decision);
  const withdrawRelationRequest = (loginId: string, requestId: string) => relations.withdraw(as(loginId), requestId);
  /** A person with a login of their own (the guardian who signed up for them). */
  const withLogin = async (name?: string): Promise<TestPerson & { loginId: string; email: string }> => {
    const person = await createPerson(ds, tenant, { name });
    return { ...person, ...(await signUp(lib, tenant, person)) };
  };
  const requestRows = async (requester: string) =>
    (await admin.query('SELECT * FROM relation_requests WHERE requester_login_id = $1', [requester])).rows as {
      id: string;
      status: string;
      cardholder_id: string | null;
    }[];

  it('grants access at once for a CPR with its active card number (any case), idempotently', async () => {
    const parent = await withLogin();
    const child = await createPerson(ds, tenant, { cardNumber: `AB${Date.now()}` });
    const expected = {
      ok: true,
      status: 'granted',
      cardholderId: child.cardholderId,
      message: 'Kontoen er nu tilføjet',
    };
    await expect(add(parent.loginId, child.cpr, child.cardNumber.toLowerCase())).resolves.toEqual(expected);
    await expect(add(parent.loginId, child.cpr, child.cardNumber)).resolves.toEqual(expected);
    await expect(accessKind(parent.loginId, child.cardholderId)).resolves.toBe('relation');
    expect(await requestRows(parent.loginId)).toEqual([]);
  });

  it('makes a pending request for a wrong or missing card number, one per person', async () => {
    const parent = await withLogin();
    const other = await withLogin('Bo Anden');
    const pending = { ok: true, status: 'pending', message: 'Afventer godkendelse' };
    await expect(add(parent.loginId, other.cpr, '9999999999999999')).resolves.toEqual(pending);
    await expect(add(parent.loginId, other.cpr, '')).resolves.toEqual(pending);
    await expect(accessKind(parent.loginId, other.cardholderId)).resolves.toBeUndefined();
    const rows = await requestRows(parent.loginId);
    expect(rows).toMatchObject([{ status: 'pending', cardholder_id: other.cardholderId }]);

    const mine = await myPendingRequests(parent.loginId);
    expect(mine).toEqual([
      {
        requestId: rows[0].id,
        cprMasked: `${other.cpr.slice(0, 6)}-XXXX`,
        createdAt: expect.any(Date),
        message: 'Afventer godkendelse',
      },
    ]);
    expect(JSON.stringify(mine)).not.toContain('Bo Anden');
  });

  it('answers an unknown CPR exactly as a wrong card number, and nobody can ever approve it', async () => {
    const parent = await withLogin();
    const known = await withLogin();
    const knownAnswer = await add(parent.loginId, known.cpr, '1234');
    const unknownAnswer = await add(parent.loginId, uniqueCpr(), '1234');
    expect(unknownAnswer).toEqual(knownAnswer);
    const [knownMine, unknownMine] = await myPendingRequests(parent.loginId);
    expect(Object.keys(unknownMine)).toEqual(Object.keys(knownMine));
    // The unknown CPR's placeholder points at no one, so it reaches no approver.
    const rows = await requestRows(parent.loginId);
    expect(rows.filter((r) => r.cardholder_id === null)).toHaveLength(1);
    const approvable = await admin.query(
      `SELECT count(*)::int AS n FROM relation_requests r JOIN login_access la
          ON la.tenant_id = r.tenant_id AND la.cardholder_id = r.cardholder_id
        WHERE r.requester_login_id = $1 AND r.cardholder_id IS NULL`,
      [parent.loginId],
    );
    expect(approvable.rows[0].n).toBe(0);
  });

  it('refuses a malformed CPR with a form message (which reveals nothing)', async () => {
    const parent = await withLogin();
    await expect(add(parent.loginId, '12345', '')).resolves.toMatchObject({ ok: false, field: 'cpr' });
  });

  it('lets the person (self) approve, and no one else: not the requester, a relation, or another tenant', async () => {
    const person = await withLogin('Clara Godkender');
    const requester = await withLogin('Dennis Anmoder');
    const relative = await withLogin();
    await add(relative.loginId, person.cpr, person.cardNumber); // a relation, not self
    await add(requester.loginId, person.cpr, 'FORKERT');
    const [request] = await requestRows(requester.loginId);

    const toDecide = await listRelationRequests(person.loginId);
    expect(toDecide).toEqual([
      {
        requestId: request.id,
        cardholderId: person.cardholderId,
        cardholderName: 'Clara Godkender',
        requesterEmail: requester.email.toLowerCase(),
        requesterName: null,
        createdAt: expect.any(Date),
      },
    ]);
    // The ids and the email are random hex, which may hold the CPR's four digits by chance: the
    // search leaves out exactly these values (pinned above), so a CPR cannot hide behind them.
    const known = [request.id, person.cardholderId, requester.email.toLowerCase()];
    const text = known.reduce((answer, value) => answer.replaceAll(value, '<known>'), JSON.stringify(toDecide));
    expect(text).not.toContain(person.cpr.slice(6));
    await expect(listRelationRequests(relative.loginId)).resolves.toEqual([]);
    await expect(listRelationRequests(requester.loginId)).resolves.toEqual([]);

    const notFound = { ok: false, key: 'requestNotFound' };
    for (const stranger of [requester.loginId, relative.loginId]) {
      await expect(decideRelationRequest(stranger, request.id, 'approve')).resolves.toMatchObject(notFound);
    }
    const otherTenant = await createTestTenant(ds);
    await expect(decideRelationRequest(person.loginId, request.id, 'approve', otherTenant)).resolves.toMatchObject(
      notFound,
    );
    await expect(decideRelationRequest(person.loginId, 'nope', 'approve')).resolves.toMatchObject(notFound);

    await expect(decideRelationRequest(person.loginId, request.id, 'approve')).resolves.toEqual({
      ok: true,
      status: 'approved',
    });
    await expect(accessKind(requester.loginId, person.cardholderId)).resolves.toBe('relation');
    await expect(decideRelationRequest(person.loginId, request.id, 'reject')).resolves.toMatchObject(notFound);
    await expect(myPendingRequests(requester.loginId)).resolves.toEqual([]);
  });

  it('rejects: no access, and the request leaves both lists', async () => {
    const person = await withLogin();
    const requester = await withLogin();
    await add(requester.loginId, person.cpr, '');
    const [request] = await requestRows(requester.loginId);
    await expect(decideRelationRequest(person.loginId, request.id, 'reject')).resolves.toEqual({
      ok: true,
      status: 'rejected',
    });
    await expect(accessKind(requester.loginId, person.cardholderId)).resolves.toBeUndefined();
    await expect(listRelationRequests(person.loginId)).resolves.toEqual([]);
    await expect(myPendingRequests(requester.loginId)).resolves.toEqual([]);
  });

  it('lets only the requester withdraw ("Slet tilknytning"), after which a new request can be made', async () => {
    const person = await withLogin();
    const requester = await withLogin();
    await add(requester.loginId, person.cpr, '');
    const [request] = await requestRows(requester.loginId);
    await expect(withdrawRelationRequest(person.loginId, request.id)).resolves.toMatchObject({
      ok: false,
      key: 'requestNotFound',
    });
    await expect(withdrawRelationRequest(requester.loginId, request.id)).resolves.toEqual({
      ok: true,
    });
    await expect(withdrawRelationRequest(requester.loginId, request.id)).resolves.toMatchObject({
      ok: false,
    });
    await expect(listRelationRequests(person.loginId)).resolves.toEqual([]);
    await add(requester.loginId, person.cpr, '');
    await expect(myPendingRequests(requester.loginId)).resolves.toHaveLength(1);
  });

  it('settles a pending request when the right card number is given later', async () => {
    const person = await withLogin();
    const requester = await withLogin();
    await add(requester.loginId, person.cpr, '');
    await add(requester.loginId, person.cpr, person.cardNumber);
    await expect(myPendingRequests(requester.loginId)).resolves.toEqual([]);
    await expect(listRelationRequests(person.loginId)).resolves.toEqual([]);
  });
});
