import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { inTenant, type TenantTx } from '@kk/database';
import { closeTestTenantDatabase, createTestTenant, openTestTenantDatabase } from '@kk/testing';
import { listMyAccounts } from './my-accounts';
import { findLoginByIdentity, linkIdentityWithCpr, type LinkIdentityInput } from './oidc-identity';
import { createPerson, randomCpr, testCipher } from './testing/identity.factory';

const BROKER = 'https://broker.example/op';

describe('OpenID Connect identities linked by CPR', () => {
  let ds: DataSource;
  let admin: Client;
  let tenant: string;

  beforeAll(async () => {
    ({ ds, admin, tenant } = await openTestTenantDatabase());
  });
  afterAll(() => closeTestTenantDatabase({ ds, admin }));

  const run = <T>(work: (tx: TenantTx) => Promise<T>): Promise<T> => inTenant(ds, tenant, work);
  const link = (input: LinkIdentityInput) => run((tx) => linkIdentityWithCpr(tx, testCipher, input));
  const subject = () => `sub-${Math.random().toString(36).slice(2)}`;

  it('links on first login: a login that IS the person and sees them as self; found again by identity', async () => {
    const person = await createPerson(ds, tenant, { name: 'Karen Borger', balance: 4200 });
    const sub = subject();
    await expect(run((tx) => findLoginByIdentity(tx, BROKER, sub))).resolves.toBeUndefined();

    const linked = await link({ issuer: BROKER, subject: sub, cpr: person.cprNumber });
    if (!linked.ok) throw new Error(linked.message);
    expect(linked).toMatchObject({ linkedNow: true, disabled: false });
    await expect(run((tx) => findLoginByIdentity(tx, BROKER, sub))).resolves.toEqual({
      loginId: linked.loginId,
      sessionsValidAfter: linked.sessionsValidAfter,
      disabled: false,
    });
    const row = await admin.query('SELECT email, password_hash, cardholder_id FROM logins WHERE id = $1', [
      linked.loginId,
    ]);
    expect(row.rows[0]).toEqual({ email: null, password_hash: null, cardholder_id: person.cardholderId });
    const people = await run((tx) => listMyAccounts(tx, linked.loginId));
    expect(people).toMatchObject([{ cardholderId: person.cardholderId, kind: 'self', accounts: [{ balance: 4200 }] }]);
  });

  it('is idempotent, and a second broker identity of the same person joins the same login', async () => {
    const person = await createPerson(ds, tenant);
    const sub = subject();
    const first = await link({ issuer: BROKER, subject: sub, cpr: person.cprNumber });
    const again = await link({ issuer: BROKER, subject: sub, cpr: person.cprNumber });
    expect(again).toMatchObject({ ok: true, linkedNow: false });
    if (!first.ok || !again.ok) throw new Error('link failed');
    expect(again.loginId).toBe(first.loginId);

    const other = await link({ issuer: 'https://other-broker.example', subject: subject(), cpr: person.cprNumber });
    expect(other).toMatchObject({ ok: true, linkedNow: true, loginId: first.loginId });
    const counts = await admin.query(
      `SELECT (SELECT count(*)::int FROM logins WHERE cardholder_id = $1) AS logins,
              (SELECT count(*)::int FROM login_identities WHERE login_id = $2) AS identities,
              (SELECT count(*)::int FROM login_access WHERE login_id = $2) AS access`,
      [person.cardholderId, first.loginId],
    );
    expect(counts.rows[0]).toEqual({ logins: 1, identities: 2, access: 1 });
  });

  it('tells the person when the municipality has no card for their CPR, and links nothing', async () => {
    const sub = subject();
    await expect(link({ issuer: BROKER, subject: sub, cpr: randomCpr() })).resolves.toMatchObject({
      ok: false,
      field: 'cpr',
      key: 'noCardForCpr',
    });
    await expect(link({ issuer: BROKER, subject: sub, cpr: '123' })).resolves.toMatchObject({ key: 'cprNotTenDigits' });
    await expect(run((tx) => findLoginByIdentity(tx, BROKER, sub))).resolves.toBeUndefined();
  });

  it('refuses a typed CPR that differs from the one the broker vouches for', async () => {
    const person = await createPerson(ds, tenant);
    const other = await createPerson(ds, tenant);
    const sub = subject();
    await expect(
      link({ issuer: BROKER, subject: sub, cpr: other.cprNumber, idpCpr: person.cprNumber }),
    ).resolves.toMatchObject({ ok: false, key: 'cprNotYours' });
    const cpr = person.cprNumber;
    await expect(
      link({ issuer: BROKER, subject: sub, cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}`, idpCpr: cpr }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('does not find an identity of another tenant', async () => {
    const otherTenant = await createTestTenant(ds);
    const person = await createPerson(ds, tenant);
    const sub = subject();
    await link({ issuer: BROKER, subject: sub, cpr: person.cprNumber });
    await expect(inTenant(ds, otherTenant, (tx) => findLoginByIdentity(tx, BROKER, sub))).resolves.toBeUndefined();
    await expect(
      inTenant(ds, otherTenant, (tx) =>
        linkIdentityWithCpr(tx, testCipher, { issuer: BROKER, subject: sub, cpr: person.cprNumber }),
      ),
    ).resolves.toMatchObject({ ok: false, key: 'noCardForCpr' });
  });
});
