import { inTenant, type TenantTx } from '@kk/database';
import { openAdminClient } from '@kk/testing';
import { TEST_CITIZEN_SUBS as SUB } from '../../apps/idp-sim/src/test-citizens';
import { parseLoginPage, TestBrowser } from '../idp-sim/oidc-test-browser';
import { citizen, startMitIdTestBed, type MitIdTestBed } from './mitid-test-login';
import { csrfTokenOf } from './portal-test-app';

jest.setTimeout(60_000);

const METTE = citizen(SUB.metteSorensen).cpr!;
const LARS = citizen(SUB.larsPedersen).cpr!;
const HANNE = citizen(SUB.hanneChristensen).cpr!;
const SOFIE = citizen(SUB.nyBorger).cpr!;

/**
 * MitID login in match mode (Gladsaxe, seed 004): the CPR is asked once and linked only when
 * the broker's CPR match says it belongs to the MitID just used. Against the spawned broker
 * stand-in over plain HTTP.
 */
describe('MitID login: CPR linked only on the broker’s CPR match', () => {
  let bed: MitIdTestBed;

  beforeAll(async () => {
    bed = await startMitIdTestBed([SUB.metteSorensen, SUB.larsPedersen, SUB.hanneChristensen]);
  });
  afterAll(() => bed?.stop());

  const inOidcTenant = <T>(work: (tx: TenantTx) => Promise<T>) =>
    inTenant(bed.portal.ds, bed.portal.oidcTenant.slug, work);
  const identities = (sub: string) =>
    inOidcTenant((tx) =>
      tx.query<{ login_id: string; verified: boolean }>(
        `SELECT login_id, cpr_verified_at IS NOT NULL AS verified FROM login_identities WHERE tenant_id = $1 AND subject = $2`,
        [tx.tenantId, sub],
      ),
    );
  const konti = (a: ReturnType<MitIdTestBed['agent']>) => a.get('/konti').set('Host', bed.host);

  it('shows the MitID button on the login page', async () => {
    const res = await bed.agent().get('/login').set('Host', bed.host);
    expect(res.text).toContain('href="/auth/oidc"');
    expect(res.text).toContain('Log på med MitID');
    expect(res.text).not.toContain('endnu ikke en del af portalen');
  });

  it("refuses another citizen's CPR: Sofie's MitID typing Mette's CPR links nothing and gets the Danish answer", async () => {
    const a = bed.agent();
    const back = await bed.logIn(a, SUB.nyBorger);
    expect(back.headers.location).toBe('/auth/oidc/cpr');
    const attack = await bed.postCpr(a, METTE);
    expect(attack.status).toBe(422);
    expect(attack.text).toContain('CPR-nummeret passer ikke til dit MitID');
    expect(attack.text).not.toContain(METTE);
    expect(await identities(SUB.nyBorger)).toEqual([]);
    expect((await konti(a)).status).toBe(303);

    // Her own CPR the broker confirms, but the municipality has no card for it: told so, nothing linked.
    const own = await bed.postCpr(a, SOFIE);
    expect(own.status).toBe(404);
    expect(own.text).toContain('Der er ikke registreret et kantinekort til dit CPR-nummer');
    expect(own.text).toContain('7199 5445');
    expect(await identities(SUB.nyBorger)).toEqual([]);
    expect((await konti(a)).status).toBe(303);
    expect(bed.portal.securityEvents).toContainEqual(
      expect.objectContaining({ event: 'mitid.refused', reason: 'cpr_not_yours' }),
    );
  });

  it('links the right CPR on the first login, then signs the same identity straight in', async () => {
    const a = bed.agent();
    expect((await bed.logIn(a, SUB.metteSorensen)).headers.location).toBe('/auth/oidc/cpr');
    // Not signed in yet: the pending identity may only answer the CPR question.
    expect((await konti(a)).status).toBe(303);
    const page = await a.get('/auth/oidc/cpr').set('Host', bed.host);
    expect(page.text).toContain('Indtast dit CPR-nummer (uden bindestreg)');
    const linked = await bed.postCpr(a, METTE);
    expect(linked.status).toBe(303);
    expect(linked.headers.location).toBe('/konti');
    const accounts = await konti(a);
    expect(accounts.text).toContain('Mette Sørensen');
    expect(accounts.text).not.toContain('Lars Pedersen');
    expect(await identities(SUB.metteSorensen)).toEqual([expect.objectContaining({ verified: true })]);

    const again = bed.agent();
    const second = await bed.logIn(again, SUB.metteSorensen);
    expect(second.headers.location).toBe('/konti');
    expect((await konti(again)).text).toContain('Mette Sørensen');
    const out = await again
      .post('/logout')
      .set('Host', bed.host)
      .type('form')
      .send({ _csrf: csrfTokenOf((await konti(again)).text) });
    expect(out.status).toBe(303);
    expect((await konti(again)).status).toBe(303);
  });

  it('answers a malformed CPR beside the field without asking the broker', async () => {
    const a = bed.agent();
    await bed.logIn(a, SUB.larsPedersen);
    const bad = await bed.postCpr(a, '2408-81');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('CPR-nummeret skal være 10 cifre');
    expect(bad.text).toContain('aria-invalid="true"');
    // The broker's 3 tries are untouched: the right number still links.
    expect((await bed.postCpr(a, LARS)).headers.location).toBe('/konti');
  });

  it("locks after the broker's 3 tries, and our own limit holds across MitID sessions", async () => {
    const wrong = ['0101901111', '0202901112', '0303901113'];
    const a = bed.agent();
    await bed.logIn(a, SUB.hanneChristensen);
    for (const cpr of wrong) expect((await bed.postCpr(a, cpr)).status).toBe(422);
    // The 4th: the broker refuses to answer for this MitID login any more.
    const fourth = await bed.postCpr(a, HANNE);
    expect(fourth.status).toBe(429);
    expect(fourth.text).toContain('For mange forkerte CPR-numre');
    expect((await a.get('/auth/oidc/cpr').set('Host', bed.host)).status).toBe(403);

    // A new MitID login gets the broker's 3 tries again, but our per-identity count goes on: 6 a day.
    const b = bed.agent();
    await bed.logIn(b, SUB.hanneChristensen);
    expect((await bed.postCpr(b, '0404901114')).status).toBe(422);
    expect((await bed.postCpr(b, '0505901115')).status).toBe(422);
    expect((await bed.postCpr(b, '0606901116')).status).toBe(429);
    const c = bed.agent();
    await bed.logIn(c, SUB.hanneChristensen);
    // Locked out: not even the right number is put to the broker.
    expect((await bed.postCpr(c, HANNE)).status).toBe(429);
    expect(await identities(SUB.hanneChristensen)).toEqual([]);
  });

  it('tells a citizen whose MitID has no CPR number plainly, and links nothing', async () => {
    const a = bed.agent();
    const res = await bed.logIn(a, SUB.jonasBerg);
    expect(res.status).toBe(403);
    expect(res.text).toContain('Dit MitID er ikke knyttet til et CPR-nummer');
    expect(await identities(SUB.jonasBerg)).toEqual([]);
    expect((await a.get('/auth/oidc/cpr').set('Host', bed.host)).status).toBe(403);
  });

  it('asks an identity linked before this change (on a typed CPR alone) to verify, and lets a hijacker in nowhere', async () => {
    // As the old code would have left it: Sofie's MitID linked to Lars's login by his CPR.
    const [lars] = await identities(SUB.larsPedersen);
    await inOidcTenant((tx) =>
      tx.query(`INSERT INTO login_identities (tenant_id, issuer, subject, login_id) VALUES ($1, $2, $3, $4)`, [
        tx.tenantId,
        bed.sim.issuer,
        SUB.nyBorger,
        lars.login_id,
      ]),
    );
    const a = bed.agent();
    const back = await bed.logIn(a, SUB.nyBorger);
    expect(back.headers.location).toBe('/auth/oidc/cpr');
    const page = await a.get('/auth/oidc/cpr').set('Host', bed.host);
    expect(page.text).toContain('Skriv dit CPR-nummer én gang til');
    expect((await bed.postCpr(a, LARS)).status).toBe(422);
    expect((await konti(a)).status).toBe(303);
    expect(await identities(SUB.nyBorger)).toEqual([{ login_id: lars.login_id, verified: false }]);

    // The rightful owner of an unverified link verifies once and is in.
    await openAdminClient().then(async (admin) => {
      await admin.query(`UPDATE login_identities SET cpr_verified_at = NULL WHERE tenant_id = $1 AND subject = $2`, [
        bed.portal.oidcTenant.slug,
        SUB.larsPedersen,
      ]);
      await admin.end();
    });
    const owner = bed.agent();
    expect((await bed.logIn(owner, SUB.larsPedersen)).headers.location).toBe('/auth/oidc/cpr');
    expect((await bed.postCpr(owner, LARS)).headers.location).toBe('/konti');
    expect((await konti(owner)).text).toContain('Lars Pedersen');
    expect(await identities(SUB.larsPedersen)).toEqual([{ login_id: lars.login_id, verified: true }]);
  });

  it('returns to the login page with a Danish notice when the citizen cancels at the broker', async () => {
    const a = bed.agent();
    const start = await a.get('/auth/oidc').set('Host', bed.host);
    const broker = new TestBrowser(`http://${bed.host}/auth/oidc/callback`);
    const page = await broker.get(String(start.headers.location));
    const { abortAction } = parseLoginPage(page.body);
    const back = new URL((await broker.postForm(new URL(abortAction, page.url).toString(), {})).location!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    const res = await a.get(`${back.pathname}${back.search}`).set('Host', bed.host);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Du afbrød login med MitID. Du er ikke logget på.');
  });

  it('refuses a tampered or replayed state, and a callback from another browser', async () => {
    const a = bed.agent();
    const back = await bed.brokerAnswer(a, SUB.larsPedersen);
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const refused = await bed.returnTo(a, tampered);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Login med MitID lykkedes ikke');
    // The state was used up by that attempt, so even the genuine answer is now refused.
    expect((await bed.returnTo(a, back)).status).toBe(403);
    const other = await bed.brokerAnswer(a, SUB.larsPedersen);
    expect((await bed.returnTo(bed.agent(), other)).status).toBe(403);
    expect((await konti(a)).status).toBe(303);
  });

  it('refuses a CPR form without the CSRF token', async () => {
    const a = bed.agent();
    await bed.logIn(a, SUB.metteSorensen);
    const forged = await a.post('/auth/oidc/cpr').set('Host', bed.host).type('form').send({ _csrf: 'x', cpr: METTE });
    expect(forged.status).toBe(403);
  });

  it('has no OIDC routes on an email tenant', async () => {
    const emailHost = bed.portal.emailTenant.hosts[0];
    expect((await bed.agent().get('/auth/oidc').set('Host', emailHost)).status).toBe(404);
    expect((await bed.agent().get('/auth/oidc/cpr').set('Host', emailHost)).status).toBe(404);
  });
});
