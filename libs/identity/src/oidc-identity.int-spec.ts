import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { TenantId } from '@kk/tenancy';
import {
  closeTestTenantDatabase,
  createPerson,
  createTestTenant,
  type LibTestContext,
  openTestTenantDatabase,
  startIdentityTestContext,
  uniqueCpr,
} from '@kk/testing';
import { MyAccountsService } from './my-accounts/my-accounts.service';
import { cprVouchedByBroker } from './oidc/broker-vouched-cpr';
import { OidcLoginService, type LinkIdentityInput } from './oidc/oidc-login.service';
import { loginIdOf } from './identity-caller';

const BROKER = 'https://broker.example/op';

describe('OpenID Connect identities linked by CPR', () => {
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

  const oidc = () => lib.get(OidcLoginService);
  const findLoginByIdentity = (issuer: string, subject: string, tenantId = tenant) =>
    oidc().findByIdentity({ tenantId }, issuer, subject);
  const linkIdentityWithVouchedCpr = (input: LinkIdentityInput, tenantId = tenant) =>
    oidc().linkWithVouchedCpr({ tenantId }, input);
  const listMyAccounts = (loginId: string) =>
    lib.get(MyAccountsService).list({ tenantId: tenant, loginId: loginIdOf(loginId) });
  // In the portal only a broker's CPR claim or positive CPR match is marked vouched.
  const vouched = (cpr: string) => {
    const checked = cprVouchedByBroker(cpr);
    if (!checked) throw new Error(`not a CPR: ${cpr}`);
    return checked;
  };
  const link = (input: { issuer: string; subject: string; cpr: string }) =>
    linkIdentityWithVouchedCpr({ ...input, cpr: vouched(input.cpr) });
  const subject = () => `sub-${Math.random().toString(36).slice(2)}`;

  it('links on first login: a login that IS the person and sees them as self; found again by identity', async () => {
    const person = await createPerson(ds, tenant, { name: 'Karen Borger', balance: 4200 });
    const sub = subject();
    await expect(findLoginByIdentity(BROKER, sub)).resolves.toBeUndefined();

    const linked = await link({ issuer: BROKER, subject: sub, cpr: person.cpr });
    if (!linked.ok) throw new Error(linked.message);
    expect(linked).toMatchObject({ disabled: false, cprVerified: true });
    await expect(findLoginByIdentity(BROKER, sub)).resolves.toEqual({
      loginId: linked.loginId,
      sessionsValidAfter: linked.sessionsValidAfter,
      disabled: false,
      cprVerified: true,
    });
    const row = await admin.query('SELECT email, password_hash, cardholder_id FROM logins WHERE id = $1', [
      linked.loginId,
    ]);
    expect(row.rows[0]).toEqual({ email: null, password_hash: null, cardholder_id: person.cardholderId });
    const people = await listMyAccounts(linked.loginId);
    expect(people).toMatchObject([{ cardholderId: person.cardholderId, kind: 'self', accounts: [{ balance: 4200 }] }]);
  });

  it('is idempotent, and a second broker identity of the same person joins the same login', async () => {
    const person = await createPerson(ds, tenant);
    const sub = subject();
    const first = await link({ issuer: BROKER, subject: sub, cpr: person.cpr });
    const again = await link({ issuer: BROKER, subject: sub, cpr: person.cpr });
    expect(again).toMatchObject({ ok: true, cprVerified: true });
    if (!first.ok || !again.ok) throw new Error('link failed');
    expect(again.loginId).toBe(first.loginId);

    const other = await link({ issuer: 'https://other-broker.example', subject: subject(), cpr: person.cpr });
    expect(other).toMatchObject({ ok: true, loginId: first.loginId });
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
    await expect(link({ issuer: BROKER, subject: sub, cpr: uniqueCpr() })).resolves.toMatchObject({
      ok: false,
      field: 'cpr',
      key: 'noCardForCpr',
    });
    await expect(findLoginByIdentity(BROKER, sub)).resolves.toBeUndefined();
  });

  it('marks nothing but a well-formed CPR as vouched for', () => {
    expect(cprVouchedByBroker('123')).toBeUndefined();
    expect(cprVouchedByBroker('3213901234')).toBeUndefined();
    expect(cprVouchedByBroker('150580-1234')).toBe('1505801234');
  });

  it('reports a link made on a typed CPR alone as unverified, and re-points it to the person the broker vouches for', async () => {
    const victim = await createPerson(ds, tenant, { name: 'Offer' });
    const attacker = await createPerson(ds, tenant, { name: 'Angriber' });
    const sub = subject();
    // As the portal linked before this change: the attacker's MitID typed the victim's CPR.
    const victimLogin = await link({ issuer: BROKER, subject: subject(), cpr: victim.cpr });
    if (!victimLogin.ok) throw new Error('link failed');
    await admin.query(`INSERT INTO login_identities (tenant_id, issuer, subject, login_id) VALUES ($1, $2, $3, $4)`, [
      tenant,
      BROKER,
      sub,
      victimLogin.loginId,
    ]);
    await expect(findLoginByIdentity(BROKER, sub)).resolves.toMatchObject({
      loginId: victimLogin.loginId,
      cprVerified: false,
    });

    const verified = await link({ issuer: BROKER, subject: sub, cpr: attacker.cpr });
    if (!verified.ok) throw new Error('link failed');
    expect(verified.loginId).not.toBe(victimLogin.loginId);
    const people = await listMyAccounts(verified.loginId);
    expect(people.map((p) => p.name)).toEqual(['Angriber']);
  });

  it('does not find an identity of another tenant', async () => {
    const otherTenant = await createTestTenant(ds);
    const person = await createPerson(ds, tenant);
    const sub = subject();
    await link({ issuer: BROKER, subject: sub, cpr: person.cpr });
    await expect(findLoginByIdentity(BROKER, sub, otherTenant)).resolves.toBeUndefined();
    await expect(
      linkIdentityWithVouchedCpr({ issuer: BROKER, subject: sub, cpr: vouched(person.cpr) }, otherTenant),
    ).resolves.toMatchObject({ ok: false, key: 'noCardForCpr' });
  });
});
