import request from 'supertest';
import Redis from 'ioredis';
import type { Client } from 'pg';
import { openAdminClient, startSmtpCatcher, testEnv, type SmtpCatcher } from '@kk/testing';
import { leakingLines, sessionIdOf, setCookieNamed, setCookiesOf } from './portal-hardening-support';
import {
  createEmailLogin,
  csrfTokenOf,
  postForm,
  signInWithPassword,
  startPortalTestApp,
  type PortalTestApp,
} from './portal-test-app';

jest.setTimeout(30_000);

// A Redis database of this file's own: other files' sessions (database 0) cannot disturb the counts.
const REDIS_DB = 5;
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const EVERY_TIMER_BUT_DATE: FakeableAPI[] = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
];

describe('portal sessions: none for anonymous visitors, no caching, the absolute timeout', () => {
  let catcher: SmtpCatcher;
  let portal: PortalTestApp;
  let redis: Redis;
  let admin: Client;
  let host: string;
  const passwords: string[] = [];
  const cprs: string[] = [];
  const emails: string[] = [];

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    portal = await startPortalTestApp({
      email: { smtpUrl: catcher.url },
      redisDb: REDIS_DB,
      rateLimits: { loginPerIp: 1000, forgotPerIp: 1000, forgotPerEmail: 1000 },
    });
    redis = new Redis(testEnv().redisUrl, { db: REDIS_DB });
    admin = await openAdminClient();
    host = portal.emailTenant.hosts[0];
  });
  afterAll(async () => {
    await portal?.close();
    await redis?.quit();
    await admin?.end();
    await catcher?.stop();
  });

  const server = () => portal.app.getHttpServer();
  const agent = () => request.agent(server());
  type Agent = ReturnType<typeof agent>;

  const sessionKeys = async (): Promise<string[]> => (await redis.keys('kk:sess:*')).sort();

  async function newLogin() {
    const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Sara Sessionsen', balance: 0 });
    passwords.push(login.password);
    cprs.push(login.cpr);
    emails.push(login.email);
    return login;
  }

  /** Signs a new login in: the browser, its session cookie, and the session's id in Redis. */
  async function signedIn(): Promise<{ a: Agent; cookie: string; sid: string; loginId: string }> {
    const login = await newLogin();
    const a = agent();
    const res = await signInWithPassword(a, host, login);
    expect(res.headers.location).toBe('/konti');
    const cookie = setCookieNamed(res, 'kk.sid');
    if (!cookie) throw new Error('the sign-in set no session cookie');
    return { a, cookie: `kk.sid=${cookie.value}`, sid: sessionIdOf(cookie.value), loginId: login.loginId };
  }

  /** Moves the session's sign-in (as the database's clock stamped it) back by `ms`, as if it had been that long. */
  async function moveSignInBack(sid: string, ms: number): Promise<void> {
    const key = `kk:sess:${sid}`;
    const stored = await redis.get(key);
    if (!stored) throw new Error(`no session ${key} in Redis`);
    const session = JSON.parse(stored) as { signedInAt?: unknown };
    if (typeof session.signedInAt !== 'number') throw new Error('the session keeps no signedInAt');
    await redis.set(key, JSON.stringify({ ...session, signedInAt: session.signedInAt - ms }), 'KEEPTTL');
  }

  it('stores no session for anonymous page views on either tenant host, nor for a post refused for CSRF', async () => {
    const before = await sessionKeys();
    const paths = ['/', '/login', '/login?next=%2Fkonti', '/opret', '/glemt-adgangskode', '/konti', '/sprog?l=en'];
    for (const tenantHost of [host, portal.oidcTenant.hosts[0]]) {
      for (const path of paths) {
        const res = await request(server()).get(path).set('Host', tenantHost);
        expect([path, res.status < 500]).toEqual([path, true]);
        expect(setCookieNamed(res, 'kk.sid')).toBeUndefined();
      }
      const refused = await request(server())
        .post('/login')
        .set('Host', tenantHost)
        .type('form')
        .send({ _csrf: 'forged', email: 'anonym@example.dk', password: 'hvad som helst' });
      expect(refused.status).toBe(403);
      expect(setCookieNamed(refused, 'kk.sid')).toBeUndefined();
    }
    // A browser that keeps its cookies (the CSRF cookie, the language) is no different.
    const a = agent();
    for (const path of paths) await a.get(path).set('Host', host);
    await a.post('/opret').set('Host', host).type('form').send({ _csrf: 'forged', cpr: '', email: '' });
    expect(await sessionKeys()).toEqual(before);
  });

  it('switches language with its own kk.lang cookie and no session', async () => {
    const before = await sessionKeys();
    const a = agent();
    const switched = await a.get('/sprog?l=en&next=%2Flogin').set('Host', host);
    expect(switched.status).toBe(303);
    expect(setCookieNamed(switched, 'kk.lang')?.value).toBe('en');
    expect(setCookiesOf(switched).map((c) => c.name)).not.toContain('kk.sid');
    const english = await a.get('/login').set('Host', host);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Log in with email');
    expect(await sessionKeys()).toEqual(before);
  });

  it('sends Cache-Control: no-store on signed-in pages and on every page with a form token', async () => {
    const { a } = await signedIn();
    const konti = await a.get('/konti').set('Host', host);
    expect(konti.status).toBe(200);
    expect(konti.headers['cache-control']).toBe('no-store');
    for (const path of ['/login', '/opret', '/glemt-adgangskode']) {
      const res = await agent().get(path).set('Host', host);
      expect(csrfTokenOf(res.text)).toBeTruthy();
      expect([path, res.headers['cache-control']]).toEqual([path, 'no-store']);
    }
  });

  it('sends no-store on the password reset page the email links to', async () => {
    const login = await newLogin();
    await postForm(agent(), host, '/glemt-adgangskode', { email: login.email });
    const mail = await catcher.waitFor((m) => m.to.includes(login.email) && m.subject === 'Nulstil adgangskode');
    const link = new URL(/(https?:\/\/\S+\/nulstil\?token=[\w-]+)/.exec(mail.text)?.[1] ?? 'http://x/none');
    const page = await agent().get(`${link.pathname}${link.search}`).set('Host', host);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Gem Password');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('lets browsers keep the static files for a while', async () => {
    for (const path of ['/assets/site.css', '/theme/logo.svg']) {
      const res = await request(server()).get(path).set('Host', host);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers['cache-control']]).toEqual([path, expect.stringMatching(/^public, max-age=[1-9]\d*$/)]);
    }
  });

  it('keeps a session for just under 8 hours of the database clock, then sends the next page view to the login', async () => {
    const { a, sid } = await signedIn();
    await moveSignInBack(sid, 8 * HOUR - 2 * MINUTE);
    expect((await a.get('/konti').set('Host', host)).status).toBe(200);
    await moveSignInBack(sid, 3 * MINUTE);
    const expired = await a.get('/konti').set('Host', host);
    expect(expired.status).toBe(303);
    expect(expired.headers.location).toBe('/login?udloebet=1&next=%2Fkonti');
    expect(await redis.exists(`kk:sess:${sid}`)).toBe(0);
    const login = await a.get(expired.headers.location).set('Host', host);
    expect(login.status).toBe(200);
    expect(login.text).toContain('name="password"');
    expect((await a.get('/konti').set('Host', host)).headers.location).toBe('/login?next=%2Fkonti');
    expect(portal.securityEvents).toContainEqual(expect.objectContaining({ event: 'session.expired' }));
  });

  it('answers a logout with a valid token after the timeout with the same redirect, not an error', async () => {
    const { a, sid } = await signedIn();
    const page = await a.get('/konti').set('Host', host);
    await moveSignInBack(sid, 8 * HOUR + MINUTE);
    const res = await a
      .post('/logout')
      .set('Host', host)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?udloebet=1');
    expect(await redis.exists(`kk:sess:${sid}`)).toBe(0);
  });

  it('ends a timed-out session on a public page too (the front page would otherwise lead to Mine konti)', async () => {
    const { a, sid } = await signedIn();
    expect((await a.get('/').set('Host', host)).headers.location).toBe('/konti');
    await moveSignInBack(sid, 8 * HOUR + MINUTE);
    const res = await a.get('/').set('Host', host);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?udloebet=1&next=%2F');
    expect((await a.get('/').set('Host', host)).status).toBe(200);
  });

  it('ends the session of a login that has been disabled, in the same way', async () => {
    const { a, sid, loginId } = await signedIn();
    expect((await a.get('/konti').set('Host', host)).status).toBe(200);
    await admin.query('UPDATE logins SET disabled_at = now() WHERE id = $1', [loginId]);
    const res = await a.get('/konti').set('Host', host);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?udloebet=1&next=%2Fkonti');
    expect(await redis.exists(`kk:sess:${sid}`)).toBe(0);
  });

  it('times sessions by the database clock: a web host whose clock is 9 hours off neither cuts nor stretches one', async () => {
    const realNow = Date.now();
    // Only Date is faked (for the whole process, the portal included); every timer stays real.
    jest.useFakeTimers({ doNotFake: EVERY_TIMER_BUT_DATE, now: realNow - 9 * HOUR });
    try {
      // Signed in while the host's clock is 9 hours behind, then used while it is 9 hours ahead
      // (by hand: the test's cookie jar, on the same clock, would think the cookie expired).
      const { cookie, sid } = await signedIn();
      const konti = () => request(server()).get('/konti').set('Host', host).set('Cookie', cookie);
      jest.setSystemTime(realNow + 9 * HOUR);
      const fresh = await konti();
      expect(fresh.status).toBe(200);
      expect(fresh.text).toContain('Sara Sessionsen');
      // Past 8 hours by the database, while the host's clock says the session has only just begun.
      await moveSignInBack(sid, 8 * HOUR + MINUTE);
      jest.setSystemTime(realNow - 9 * HOUR);
      expect((await konti()).headers.location).toBe('/login?udloebet=1&next=%2Fkonti');
    } finally {
      jest.useRealTimers();
    }
  });

  it('logged no CPR number, password or email address in clear', () => {
    expect(portal.securityEvents.length).toBeGreaterThan(0);
    expect(leakingLines(portal.securityEvents, { cprs, passwords, emails })).toEqual([]);
  });
});
