import request from 'supertest';
import { inTenant } from '@kk/database';
import { LoginSessionsService } from '@kk/identity';
import {
  createEmailLogin,
  csrfTokenOf,
  postForm,
  startPortalTestApp,
  type PortalTestApp,
  type TestLogin,
  signInWithPassword,
} from './portal-test-app';

describe('portal sessions, sign-in and Mine konti', () => {
  let portal: PortalTestApp;
  let host: string;
  let login: TestLogin;

  beforeAll(async () => {
    portal = await startPortalTestApp();
    host = portal.emailTenant.hosts[0];
    login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Alma Testesen', balance: 123_450 });
  });
  afterAll(() => portal.close());

  const agent = () => request.agent(portal.app.getHttpServer());

  const signIn = (a: ReturnType<typeof agent>, email = login.email, password = login.password) =>
    signInWithPassword(a, host, { email, password });

  it('sends a visitor without a session to the login page and back', async () => {
    const res = await agent().get('/konti').set('Host', host);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fkonti');
  });

  it('shows the email login form with its Danish button and a CSRF token', async () => {
    const res = await agent().get('/login').set('Host', host);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Log på med E-Mail');
    expect(csrfTokenOf(res.text)).toMatch(/\S{20,}/);
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('offers no password form on an OIDC tenant, only its MitID button', async () => {
    const res = await agent().get('/login').set('Host', portal.oidcTenant.hosts[0]);
    expect(res.text).toContain('Log på med MitID');
    expect(res.text).not.toContain('name="password"');
  });

  it("refuses a form posted without the session's CSRF token, and signs nobody in", async () => {
    const a = agent();
    await a.get('/login').set('Host', host);
    const res = await a
      .post('/login')
      .set('Host', host)
      .type('form')
      .send({ _csrf: 'forged', email: login.email, password: login.password });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Siden var udløbet');
    expect((await a.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('answers a wrong password with one generic Danish error beside the fields, keeping the email', async () => {
    const res = await signIn(agent(), login.email, 'forkert adgangskode');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Forkert e-mail eller adgangskode');
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain(`value="${login.email}"`);
    const unknown = await signIn(agent(), 'nobody@example.dk', 'forkert adgangskode');
    expect(unknown.text).toContain('Forkert e-mail eller adgangskode');
  });

  it('signs in with a new session id and shows the accounts with Danish money', async () => {
    const a = agent();
    const before = (await a.get('/login').set('Host', host)).headers['set-cookie'] as unknown as string[] | undefined;
    const res = await signIn(a);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/konti');
    const after = res.headers['set-cookie'] as unknown as string[];
    expect(after.join()).toMatch(/kk\.sid=/);
    if (before) expect(after.join()).not.toBe(before.join());
    expect(after.join()).toMatch(/HttpOnly/i);
    expect(after.join()).toMatch(/SameSite=Lax/i);

    const accounts = await a.get('/konti').set('Host', host);
    expect(accounts.status).toBe(200);
    expect(accounts.text).toContain('Mine konti');
    expect(accounts.text).toContain('Alma Testesen');
    expect(accounts.text).toContain(login.cardNumber);
    expect(accounts.text).toContain('1.234,50\u00a0kr.');
    // The cardholder's CPR appears in no form, whole or hyphenated.
    expect(accounts.text).not.toContain(login.cpr);
    expect(accounts.text).not.toContain(`${login.cpr.slice(0, 6)}-${login.cpr.slice(6)}`);
  });

  it("does not accept a session on another tenant's host", async () => {
    const a = agent();
    await signIn(a);
    const res = await a.get('/konti').set('Host', portal.oidcTenant.hosts[0]);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('ends a session when the login ends all its sessions (as a password reset does)', async () => {
    const a = agent();
    await signIn(a);
    expect((await a.get('/konti').set('Host', host)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 5));
    await portal.app.get(LoginSessionsService).endAll({ tenantId: portal.emailTenant.slug, loginId: login.loginId });
    expect((await a.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('logs out with a CSRF-protected form', async () => {
    const a = agent();
    await signIn(a);
    const page = await a.get('/konti').set('Host', host);
    expect(page.text).toContain('Log af');
    const res = await a
      .post('/logout')
      .set('Host', host)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text) });
    expect(res.status).toBe(303);
    expect((await a.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('switches to English and back with a plain link', async () => {
    const a = agent();
    const switched = await a.get('/sprog?l=en&next=%2Flogin').set('Host', host);
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/login');
    const english = await a.get('/login').set('Host', host);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Log in with email');
    await a.get('/sprog?l=da').set('Host', host);
    expect((await a.get('/login').set('Host', host)).text).toContain('Log på med E-Mail');
  });

  it('refuses to send anyone elsewhere after login or a language switch', async () => {
    const res = await agent().get('/sprog?l=en&next=%2F%2Fevil.example').set('Host', host);
    expect(res.headers.location).toBe('/');
  });
});

describe('login rate limit', () => {
  let portal: PortalTestApp;
  beforeAll(async () => {
    portal = await startPortalTestApp();
  });
  afterAll(() => portal.close());

  it('answers the 5th failure on one email within 15 minutes with 429, known address or not, before any lock', async () => {
    const host = portal.emailTenant.hosts[0];
    const known = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Rate Limitsen', balance: 0 });
    for (const email of [known.email, 'ingen@example.dk']) {
      const a = request.agent(portal.app.getHttpServer());
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await postForm(a, host, '/login', { email, password: 'forkert forkert' });
        statuses.push(res.status);
        if (res.status === 429) expect(res.text).toMatch(/[Ff]or mange/);
      }
      expect(statuses).toEqual([...Array<number>(4).fill(422), ...Array<number>(7).fill(429)]);
    }
    // A stranger's tries never reach the lock (10 failures in a streak): the parent can still log in.
    const row = await inTenant(portal.ds, portal.emailTenant.slug, (tx) =>
      tx.query<{ failed_logins: number; locked: boolean }>(
        'SELECT failed_logins, coalesce(locked_until > now(), false) AS locked FROM logins WHERE id = $1',
        [known.loginId],
      ),
    );
    expect(row[0]).toEqual({ failed_logins: 4, locked: false });
  });
});
