import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { inTenant } from '@kk/database';
import { startSmtpCatcher, type SmtpCatcher } from '@kk/testing';
import {
  cookieHeaderFrom,
  hasAttribute,
  leakingLines,
  setCookieNamed,
  setCookiesOf,
  type SetCookie,
} from './portal-hardening-support';
import {
  createEmailLogin,
  csrfTokenOf,
  postForm,
  signInWithPassword,
  startPortalTestApp,
  type PortalTestApp,
  type PortalTestOptions,
  type TestLogin,
} from './portal-test-app';

jest.setTimeout(30_000);

const HSTS = 'max-age=31536000; includeSubDomains';

/** Just the discovery document of a broker: enough for the portal to build its authorization redirect. */
async function startDiscoveryOnlyBroker(): Promise<{ issuer: string; stop(): Promise<void> }> {
  let issuer = '';
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What the security log must never show in clear, gathered over the whole file. */
const secrets = { cprs: [] as string[], passwords: [] as string[], emails: [] as string[] };

interface Bed {
  portal: PortalTestApp;
  catcher: SmtpCatcher;
  broker: { issuer: string; stop(): Promise<void> };
  host: string;
  newLogin(): Promise<TestLogin>;
  close(): Promise<void>;
}

async function startBed(options: Pick<PortalTestOptions, 'secureCookies' | 'trustProxy' | 'rateLimits'>): Promise<Bed> {
  const catcher = await startSmtpCatcher();
  const broker = await startDiscoveryOnlyBroker();
  const portal = await startPortalTestApp({
    ...options,
    email: { smtpUrl: catcher.url },
    oidc: { issuer: broker.issuer, clientSecret: 'a-test-client-secret' },
    rateLimits: {
      loginPerIp: 1000,
      loginPerEmail: 1000,
      forgotPerIp: 1000,
      forgotPerEmail: 1000,
      ...options.rateLimits,
    },
  });
  return {
    portal,
    catcher,
    broker,
    host: portal.emailTenant.hosts[0],
    async newLogin() {
      const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Pia Proxy', balance: 0 });
      secrets.cprs.push(login.cpr);
      secrets.passwords.push(login.password);
      secrets.emails.push(login.email);
      return login;
    },
    async close() {
      await portal.close();
      await catcher.stop();
      await broker.stop();
    },
  };
}

function expectHostOnlySecureCookie(cookie: SetCookie | undefined): void {
  expect(cookie).toBeDefined();
  expect(hasAttribute(cookie!, 'Secure')).toBe(true);
  expect(hasAttribute(cookie!, 'HttpOnly')).toBe(true);
  expect(cookie!.attributes).toContain('Path=/');
  expect(hasAttribute(cookie!, 'Domain')).toBe(false);
}

const resetRows = (bed: Bed, loginId: string) =>
  inTenant(bed.portal.ds, bed.portal.emailTenant.slug, (tx) =>
    tx.query('SELECT 1 FROM password_resets WHERE tenant_id = $1 AND login_id = $2', [tx.tenantId, loginId]),
  );

describe('behind a trusted TLS proxy (https public origin, TRUST_PROXY=1)', () => {
  let bed: Bed;
  beforeAll(async () => {
    // Every test here posts from addresses of its own, so the low per-address limit touches only the one about it.
    bed = await startBed({ secureCookies: true, trustProxy: 1, rateLimits: { loginPerIp: 3 } });
  });
  afterAll(() => bed?.close());

  const http = () => request(bed.portal.app.getHttpServer());

  /** Signs in as a browser over https would: the CSRF cookie sent back by hand (it is Secure). */
  const signIn = (login: TestLogin, headers: Record<string, string>) =>
    signInWithPassword(http(), bed.host, login, '/konti', { headers, pageCookies: true });

  it('names the cookies __Host- and sends them Secure, HttpOnly, Path=/ and without Domain, with HSTS', async () => {
    const overTls = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.1' };
    const res = await signIn(await bed.newLogin(), overTls);
    const { page } = res;
    expect(page.headers['strict-transport-security']).toBe(HSTS);
    expectHostOnlySecureCookie(setCookieNamed(page, '__Host-kk.csrf'));
    expect(setCookieNamed(page, 'kk.csrf')).toBeUndefined();
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/konti');
    expectHostOnlySecureCookie(setCookieNamed(res, '__Host-kk.sid'));
    expect(setCookiesOf(res).map((c) => c.name)).not.toContain('kk.sid');

    const konti = await http().get('/konti').set('Host', bed.host).set(overTls).set('Cookie', cookieHeaderFrom(res));
    expect(konti.status).toBe(200);
    expect(konti.text).toContain('Pia Proxy');
    const language = await http().get('/sprog?l=en').set('Host', bed.host).set(overTls);
    expect(hasAttribute(setCookieNamed(language, 'kk.lang')!, 'Secure')).toBe(true);
  });

  it('sends no HSTS and sets no session cookie for a request that did not come over TLS', async () => {
    const plain = { 'X-Forwarded-Proto': 'http', 'X-Forwarded-For': '203.0.113.2' };
    const res = await signIn(await bed.newLogin(), plain);
    const { page } = res;
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(setCookieNamed(res, '__Host-kk.sid')).toBeUndefined();
  });

  it("counts the per-address login limit by the proxy's word on the client address, and only the last hop's", async () => {
    const post = (forwardedFor: string) =>
      postForm(http(), bed.host, '/login', { email: 'ingen@example.dk', password: 'forkert forkert' }, '/login', {
        formHeaders: { 'X-Forwarded-For': forwardedFor },
        pageCookies: true,
      });
    // The client may prepend whatever it likes; one trusted hop means only the address the proxy added counts.
    const statuses: number[] = [];
    for (const spoofed of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      statuses.push((await post(`${spoofed}, 203.0.113.50`)).status);
    }
    expect(statuses).toEqual([422, 422, 422, 429]);
    expect((await post('203.0.113.51')).status).toBe(422);
    expect(bed.portal.securityEvents).toContainEqual(
      expect.objectContaining({ event: 'rate_limit.refused', ip: '203.0.113.50', reason: 'login-ip' }),
    );
  });

  it('links the reset email to the configured https origin, though the request came over plain http', async () => {
    const login = await bed.newLogin();
    const res = await postForm(http(), bed.host, '/glemt-adgangskode', { email: login.email }, '/glemt-adgangskode', {
      pageCookies: true,
    });
    expect(res.status).toBe(200);
    const mail = await bed.catcher.waitFor((m) => m.to.includes(login.email) && m.subject === 'Nulstil adgangskode');
    expect(mail.text).toMatch(new RegExp(`https://${bed.host.replace(/\./g, '\\.')}/nulstil\\?token=[\\w-]+`));
    expect(mail.text).not.toContain('http://');
  });

  it('takes a forwarded host naming no tenant as an unknown host', async () => {
    const res = await http().get('/glemt-adgangskode').set('Host', bed.host).set('X-Forwarded-Host', 'evil.example');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Siden findes ikke');
  });

  it('sends MitID back to the configured https origin, whatever scheme the request came with', async () => {
    const res = await http().get('/auth/oidc').set('Host', bed.portal.oidcTenant.hosts[0]);
    expect(res.status).toBe(302);
    const authorize = new URL(res.headers.location);
    expect(authorize.origin).toBe(bed.broker.issuer);
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      `https://${bed.portal.oidcTenant.hosts[0]}/auth/oidc/callback`,
    );
  });

  it('logged no CPR number, password or email address in clear', () => {
    expect(bed.portal.securityEvents.length).toBeGreaterThan(0);
    expect(leakingLines(bed.portal.securityEvents, secrets)).toEqual([]);
  });
});

describe('with no trusted proxy (the default), forwarded headers are not believed', () => {
  let bed: Bed;
  beforeAll(async () => {
    bed = await startBed({ secureCookies: true });
  });
  afterAll(() => bed?.close());

  const http = () => request(bed.portal.app.getHttpServer());

  it('ignores X-Forwarded-Proto: no HSTS, and no Secure session cookie over plain http', async () => {
    const login = await bed.newLogin();
    const res = await signInWithPassword(http(), bed.host, login, '/konti', {
      headers: { 'X-Forwarded-Proto': 'https' },
      pageCookies: true,
    });
    expect(res.page.headers['strict-transport-security']).toBeUndefined();
    expect(res.status).toBe(303);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(setCookieNamed(res, '__Host-kk.sid')).toBeUndefined();
  });

  it('refuses a reset request for a forged Host as an unknown tenant, and stores nothing', async () => {
    const login = await bed.newLogin();
    const page = await http().get('/glemt-adgangskode').set('Host', bed.host);
    const forged = await http()
      .post('/glemt-adgangskode')
      .set('Host', 'evil.example')
      .set('Cookie', cookieHeaderFrom(page))
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), email: login.email });
    expect(forged.status).toBe(404);
    expect(forged.text).toContain('Siden findes ikke');
    expect(forged.text).not.toContain(bed.portal.emailTenant.displayName);
    expect(await resetRows(bed, login.loginId)).toHaveLength(0);
  });

  it("links the reset email to the tenant's own origin despite X-Forwarded-Host and -Proto", async () => {
    const login = await bed.newLogin();
    const res = await postForm(http(), bed.host, '/glemt-adgangskode', { email: login.email }, '/glemt-adgangskode', {
      formHeaders: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http' },
      pageCookies: true,
    });
    expect(res.status).toBe(200);
    expect(await resetRows(bed, login.loginId)).toHaveLength(1);
    const mail = await bed.catcher.waitFor((m) => m.to.includes(login.email) && m.subject === 'Nulstil adgangskode');
    expect(mail.text).toMatch(new RegExp(`https://${bed.host.replace(/\./g, '\\.')}/nulstil\\?token=[\\w-]+`));
    expect(mail.text + mail.html).not.toContain('evil.example');
  });

  it("builds the MitID redirect from the tenant's own origin despite X-Forwarded-Host and -Proto", async () => {
    const oidcHost = bed.portal.oidcTenant.hosts[0];
    const res = await http()
      .get('/auth/oidc')
      .set('Host', oidcHost)
      .set('X-Forwarded-Host', 'evil.example')
      .set('X-Forwarded-Proto', 'http');
    expect(res.status).toBe(302);
    const authorize = new URL(res.headers.location);
    expect(authorize.origin).toBe(bed.broker.issuer);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`https://${oidcHost}/auth/oidc/callback`);
  });

  it('logged no CPR number, password or email address in clear', () => {
    expect(bed.portal.securityEvents.length).toBeGreaterThan(0);
    expect(leakingLines(bed.portal.securityEvents, secrets)).toEqual([]);
  });
});

describe('the per-address login limit with no trusted proxy', () => {
  let portal: PortalTestApp;
  beforeAll(async () => {
    portal = await startPortalTestApp({ rateLimits: { loginPerIp: 3, loginPerEmail: 1000 } });
  });
  afterAll(() => portal?.close());

  const http = () => request(portal.app.getHttpServer());
  const host = () => portal.emailTenant.hosts[0];

  it('keys the per-address login limit on the connection, whatever X-Forwarded-For claims', async () => {
    const page = await http().get('/login').set('Host', host());
    const statuses: number[] = [];
    for (const spoofed of ['198.51.100.11', '198.51.100.12', '198.51.100.13', '198.51.100.14']) {
      const res = await http()
        .post('/login')
        .set('Host', host())
        .set('X-Forwarded-For', spoofed)
        .set('Cookie', cookieHeaderFrom(page))
        .type('form')
        .send({ _csrf: csrfTokenOf(page.text), email: 'ingen@example.dk', password: 'forkert forkert' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([422, 422, 422, 429]);
    const refused = portal.securityEvents.filter((e) => e.event === 'rate_limit.refused');
    expect(refused).toHaveLength(1);
    expect(String(refused[0].ip)).not.toMatch(/198\.51\.100/);
  });
});
