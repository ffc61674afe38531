import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createCardholderWithAccount } from '@kk/cardholders';
import { freePort, inTenant } from '@kk/database';
import { uniqueCardNumber } from '@kk/testing';
import { spawnIdpSim, type SpawnedIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { TEST_CITIZEN_SUBS } from '../../apps/idp-sim/src/test-citizens';
import { parseLoginPage, TestBrowser } from '../idp-sim/oidc-test-browser';
import { csrfTokenOf, startPortalTestApp, TEST_CIPHER, type PortalTestApp } from './portal-test-app';

jest.setTimeout(60_000);

type Agent = ReturnType<typeof request.agent>;

/** MitID login through the stand-in broker, spawned on a port of its own, over plain HTTP. */
describe('OIDC (MitID) login and first-login CPR linking', () => {
  let portal: PortalTestApp;
  let sim: SpawnedIdpSim;
  let host: string;
  let callback: string;

  beforeAll(async () => {
    const issuer = `http://localhost:${await freePort()}`;
    const clientSecret = `test-secret-${randomBytes(8).toString('hex')}`;
    portal = await startPortalTestApp({ oidc: { issuer, clientSecret } });
    host = portal.oidcTenant.hosts[0];
    // supertest sends Host without a port, so that is the origin the portal calls back to.
    callback = `http://${host}/auth/oidc/callback`;
    sim = await spawnIdpSim({ port: Number(new URL(issuer).port), clientSecret, redirectUris: [callback] });
    await inTenant(portal.ds, portal.oidcTenant.slug, async (tx) => {
      await createCardholderWithAccount(tx, TEST_CIPHER, {
        cpr: '2408811234',
        name: 'Mette Sørensen',
        cardNumber: uniqueCardNumber(),
      });
      await createCardholderWithAccount(tx, TEST_CIPHER, {
        cpr: '1203752345',
        name: 'Lars Pedersen',
        cardNumber: uniqueCardNumber(),
      });
    });
  });
  afterAll(async () => {
    await sim?.stop();
    await portal?.close();
  });

  const agent = (): Agent => request.agent(portal.app.getHttpServer());

  /** /auth/oidc → the broker's login page; returns the broker's browser and the page. */
  async function toBroker(a: Agent) {
    const start = await a.get('/auth/oidc').set('Host', host);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.location);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sim.issuer}/auth`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(callback);
    expect(authorize.searchParams.get('nonce')).toMatch(/\S{16,}/);
    const broker = new TestBrowser(callback);
    const page = await broker.get(authorize.toString());
    expect(page.status).toBe(200);
    return { broker, page, authorize };
  }

  /** Picks the citizen at the broker and returns the redirect back to the portal's callback. */
  async function brokerLogin(a: Agent, sub: string): Promise<URL> {
    const { broker, page } = await toBroker(a);
    const { loginAction } = parseLoginPage(page.body);
    const back = await broker.postForm(new URL(loginAction, page.url).toString(), { citizen: sub });
    return new URL(back.location!);
  }

  const returnTo = (a: Agent, url: URL) => a.get(`${url.pathname}${url.search}`).set('Host', host);

  async function postCpr(a: Agent, cpr: string) {
    const page = await a.get('/auth/oidc/cpr').set('Host', host);
    expect(page.status).toBe(200);
    return a
      .post('/auth/oidc/cpr')
      .set('Host', host)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), cpr });
  }

  it('shows the MitID button on the login page', async () => {
    const res = await agent().get('/login').set('Host', host);
    expect(res.text).toContain('href="/auth/oidc"');
    expect(res.text).toContain('Log på med MitID');
    expect(res.text).not.toContain('åbner snart');
  });

  it('links a first login by CPR, then signs the same identity straight in', async () => {
    const a = agent();
    const back = await returnTo(a, await brokerLogin(a, TEST_CITIZEN_SUBS.metteSorensen));
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/auth/oidc/cpr');
    // Not signed in yet: the pending identity may only answer the CPR question.
    expect((await a.get('/konti').set('Host', host)).status).toBe(303);

    const page = await a.get('/auth/oidc/cpr').set('Host', host);
    expect(page.text).toContain('Indtast dit CPR-nummer (uden bindestreg)');
    const linked = await postCpr(a, '2408811234');
    expect(linked.status).toBe(303);
    expect(linked.headers.location).toBe('/konti');
    const accounts = await a.get('/konti').set('Host', host);
    expect(accounts.status).toBe(200);
    expect(accounts.text).toContain('Mette Sørensen');
    expect(accounts.text).not.toContain('Lars Pedersen');

    // The second login, in a new browser, goes to Mine konti with no CPR question.
    const again = agent();
    const second = await returnTo(again, await brokerLogin(again, TEST_CITIZEN_SUBS.metteSorensen));
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe('/konti');
    expect((await again.get('/konti').set('Host', host)).text).toContain('Mette Sørensen');

    // Logout works as for email logins.
    const konti = await again.get('/konti').set('Host', host);
    const out = await again
      .post('/logout')
      .set('Host', host)
      .type('form')
      .send({ _csrf: csrfTokenOf(konti.text) });
    expect(out.status).toBe(303);
    expect((await again.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('answers a malformed CPR beside the field, and an unknown one with whom to contact', async () => {
    const a = agent();
    await returnTo(a, await brokerLogin(a, TEST_CITIZEN_SUBS.nyBorger));
    const bad = await postCpr(a, '2408-81');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('CPR-nummeret skal være 10 cifre');
    expect(bad.text).toContain('aria-invalid="true"');

    const unknown = await postCpr(a, '0505905555');
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Der er ikke registreret et kantinekort til dit CPR-nummer');
    expect(unknown.text).toContain('7199 5445');
    // The typed CPR is not echoed back.
    expect(unknown.text).not.toContain('0505905555');
    expect((await a.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('stops CPR guessing for one MitID login after a few misses', async () => {
    const a = agent();
    await returnTo(a, await brokerLogin(a, TEST_CITIZEN_SUBS.larsPedersen));
    const token = csrfTokenOf((await a.get('/auth/oidc/cpr').set('Host', host)).text);
    const answers: number[] = [];
    for (const cpr of ['0101901111', '0101901112', '0101901113', '0101901114', '0101901115']) {
      answers.push((await postCpr(a, cpr)).status);
    }
    expect(answers).toEqual([422, 422, 422, 422, 429]);
    // The pending identity is gone: even the right CPR no longer links it.
    expect((await a.get('/auth/oidc/cpr').set('Host', host)).status).toBe(403);
    const late = await a
      .post('/auth/oidc/cpr')
      .set('Host', host)
      .type('form')
      .send({ _csrf: token, cpr: '1203752345' });
    expect(late.status).toBe(403);
    expect(late.text).toContain('Log på med MitID igen');
    expect((await a.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('returns to the login page with a Danish notice when the citizen cancels at the broker', async () => {
    const a = agent();
    const { broker, page } = await toBroker(a);
    const { abortAction } = parseLoginPage(page.body);
    const back = new URL((await broker.postForm(new URL(abortAction, page.url).toString(), {})).location!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    const res = await returnTo(a, back);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Du afbrød login med MitID. Du er ikke logget på.');
    expect(res.text).toContain('href="/auth/oidc"');
  });

  it('refuses a tampered or replayed state, and a callback from another browser', async () => {
    const a = agent();
    const back = await brokerLogin(a, TEST_CITIZEN_SUBS.larsPedersen);
    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const refused = await returnTo(a, tampered);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Login med MitID lykkedes ikke');
    // The state was used up by that attempt, so even the genuine answer is now refused.
    expect((await returnTo(a, back)).status).toBe(403);

    const other = await brokerLogin(a, TEST_CITIZEN_SUBS.larsPedersen);
    expect((await returnTo(agent(), other)).status).toBe(403);
    expect((await a.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('refuses a CPR form without the CSRF token', async () => {
    const a = agent();
    await returnTo(a, await brokerLogin(a, TEST_CITIZEN_SUBS.larsPedersen));
    const forged = await a
      .post('/auth/oidc/cpr')
      .set('Host', host)
      .type('form')
      .send({ _csrf: 'x', cpr: '1203752345' });
    expect(forged.status).toBe(403);
    expect((await a.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('has no OIDC routes on an email tenant', async () => {
    const emailHost = portal.emailTenant.hosts[0];
    expect((await agent().get('/auth/oidc').set('Host', emailHost)).status).toBe(404);
    expect((await agent().get('/auth/oidc/cpr').set('Host', emailHost)).status).toBe(404);
  });
});
