import request from 'supertest';
import { inTenant } from '@kk/database';
import { startSmtpCatcher, uniqueSlug, type SmtpCatcher, uniqueCpr } from '@kk/testing';
import { leakingLines } from './portal-hardening-support';
import { createEmailLogin, postForm, startPortalTestApp, type PortalTestApp, type TestLogin } from './portal-test-app';

jest.setTimeout(30_000);

const BAD_INPUT = 'Formularen kunne ikke sendes';
// NUL (PostgreSQL cannot store it), another C0 control, DEL and a C1 control.
const CONTROLS = [
  ['NUL', '\u0000'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['CSI', '\u009b'],
] as const;

describe('control characters and the security event log', () => {
  let catcher: SmtpCatcher;
  let portal: PortalTestApp;
  let host: string;
  /** Everything typed into a form in this file that the security log must never show. */
  const secrets = { cprs: [] as string[], passwords: [] as string[], emails: [] as string[] };

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    portal = await startPortalTestApp({
      email: { smtpUrl: catcher.url },
      rateLimits: { loginPerIp: 1000, signupPerIp: 1000, forgotPerIp: 1000, forgotPerEmail: 1000, relationPerIp: 1000 },
    });
    host = portal.emailTenant.hosts[0];
  });
  afterAll(async () => {
    await portal?.close();
    await catcher?.stop();
  });

  const agent = () => request.agent(portal.app.getHttpServer());
  type Agent = ReturnType<typeof agent>;
  const post = (a: Agent, path: string, form: Record<string, string>, pagePath = path) =>
    postForm(a, host, path, form, pagePath);

  async function newLogin(name = 'Kim Kontrolsen'): Promise<TestLogin> {
    const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name, balance: 0 });
    secrets.cprs.push(login.cpr);
    secrets.passwords.push(login.password);
    secrets.emails.push(login.email);
    return login;
  }

  const rows = (sql: string, params: unknown[]) =>
    inTenant(portal.ds, portal.emailTenant.slug, (tx) => tx.query(sql, [tx.tenantId, ...params]));

  /** The lines the security log got while `action` ran. */
  async function eventsDuring(action: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
    const mark = portal.securityEvents.length;
    await action();
    return portal.securityEvents.slice(mark);
  }

  function expectBadInputPage(res: request.Response): void {
    expect(res.status).toBe(400);
    expect(res.text).toContain(BAD_INPUT);
    expect(res.text).toContain('<html lang="da">');
  }

  describe('control characters', () => {
    it.each(CONTROLS)('refuses a login email with %s with the Danish 400 page, and logs no attempt', async (_n, c) => {
      const login = await newLogin();
      const events = await eventsDuring(async () => {
        expectBadInputPage(await post(agent(), '/login', { email: `${login.email}${c}`, password: login.password }));
        expectBadInputPage(await post(agent(), '/login', { email: login.email, password: `${login.password}${c}` }));
      });
      expect(events).toEqual([]);
      const counted = await rows('SELECT failed_logins FROM logins WHERE tenant_id = $1 AND id = $2', [login.loginId]);
      expect(counted).toEqual([{ failed_logins: 0 }]);
    });

    it('refuses a sign-up whose email or CPR holds a control character, and stores no sign-up', async () => {
      const email = `${uniqueSlug('ny')}@example.dk`;
      const cpr = uniqueCpr();
      secrets.emails.push(email);
      secrets.cprs.push(cpr);
      expectBadInputPage(await post(agent(), '/opret', { cpr, email: `${email}\u0000` }));
      expectBadInputPage(await post(agent(), '/opret', { cpr: `${cpr.slice(0, 6)}\u0000${cpr.slice(6)}`, email }));
      expect(await rows('SELECT 1 FROM signups WHERE tenant_id = $1 AND email LIKE $2', [`${email}%`])).toEqual([]);
      // The same form without the control character does start a sign-up: the check above can fail.
      expect((await post(agent(), '/opret', { cpr, email })).headers.location).toBe('/opret/elev');
      expect(await rows('SELECT 1 FROM signups WHERE tenant_id = $1 AND email = $2', [email])).toHaveLength(1);
    });

    it('refuses "Glemt adgangskode" for an email with a control character, and stores no reset', async () => {
      const login = await newLogin();
      expectBadInputPage(await post(agent(), '/glemt-adgangskode', { email: `${login.email}\u0000` }));
      expectBadInputPage(await post(agent(), '/glemt-adgangskode', { 'email[x]': `${login.email}\u0000` }));
      const resets = 'SELECT 1 FROM password_resets WHERE tenant_id = $1 AND login_id = $2';
      expect(await rows(resets, [login.loginId])).toEqual([]);
    });

    it('refuses "Tilføj konto" with a control character in the CPR or card number, and stores no request', async () => {
      const requester = await newLogin('Rita Anmoder');
      const child = await newLogin('Carl Barn');
      const a = agent();
      expect((await post(a, '/login', { email: requester.email, password: requester.password })).status).toBe(303);
      const forms = [
        { cpr: `${child.cpr}\u0000`, cardNumber: child.cardNumber },
        { cpr: child.cpr, cardNumber: `${child.cardNumber}\u001b` },
      ];
      for (const form of forms) expectBadInputPage(await post(a, '/konti/tilfoej', form));
      const requests = 'SELECT 1 FROM relation_requests WHERE tenant_id = $1 AND requester_login_id = $2';
      expect(await rows(requests, [requester.loginId])).toEqual([]);
      const access = 'SELECT kind FROM login_access WHERE tenant_id = $1 AND login_id = $2';
      expect(await rows(access, [requester.loginId])).toEqual([{ kind: 'self' }]);
    });

    it('refuses a query string with a control character, in the value or the name', async () => {
      for (const path of ['/login?next=%00', '/login?next=%2Fkonti%1b', '/glemt-adgangskode?%00=1', '/?x=%C2%85']) {
        const res = await agent().get(path).set('Host', host);
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.text).toContain(BAD_INPUT);
      }
    });

    it('keeps tab and line breaks (a textarea may send them) and answers in English when chosen', async () => {
      const ok = await post(agent(), '/login', { email: 'ingen@example.dk\t', password: 'linje\r\nto' });
      expect(ok.status).toBe(422);
      const a = agent();
      await a.get('/sprog?l=en').set('Host', host);
      const english = await post(a, '/login', { email: '\u0000', password: 'x' });
      expect(english.status).toBe(400);
      expect(english.text).toContain('The form could not be sent');
    });
  });

  describe('the security event log', () => {
    const wrongPassword = 'forkert hest batteri';
    secrets.passwords.push(wrongPassword);

    it('logs a failed login once, with tenant and address, and the email only as a hash', async () => {
      const login = await newLogin();
      const events = await eventsDuring(() => post(agent(), '/login', { email: login.email, password: wrongPassword }));
      expect(events).toEqual([
        expect.objectContaining({
          channel: 'security',
          event: 'login.failed',
          tenant: portal.emailTenant.slug,
          ip: expect.stringContaining('127.0.0.1'),
          emailHash: expect.stringMatching(/^[\w-]{16,}$/),
        }),
      ]);
      expect(events[0]).not.toHaveProperty('email');
      expect(JSON.stringify(events[0]).toLowerCase()).not.toContain(login.email.toLowerCase());
    });

    it('logs a successful login once, with tenant, address and login', async () => {
      const login = await newLogin();
      const events = await eventsDuring(() =>
        post(agent(), '/login', { email: login.email, password: login.password }),
      );
      expect(events).toEqual([
        expect.objectContaining({
          channel: 'security',
          event: 'login.succeeded',
          tenant: portal.emailTenant.slug,
          ip: expect.stringContaining('127.0.0.1'),
          login: login.loginId,
        }),
      ]);
    });

    it('logs a rate-limit refusal once, naming the limit', async () => {
      const email = `${uniqueSlug('gaetter')}@example.dk`;
      secrets.emails.push(email);
      const a = agent();
      // Four failures per address are allowed (DEFAULT_RATE_LIMITS.loginPerEmail); the fifth is refused.
      for (let i = 0; i < 4; i++)
        expect((await post(a, '/login', { email, password: wrongPassword })).status).toBe(422);
      const events = await eventsDuring(async () => {
        expect((await post(a, '/login', { email, password: wrongPassword })).status).toBe(429);
      });
      expect(events).toEqual([
        expect.objectContaining({
          channel: 'security',
          event: 'rate_limit.refused',
          tenant: portal.emailTenant.slug,
          ip: expect.stringContaining('127.0.0.1'),
          reason: 'login-email',
        }),
      ]);
    });

    it('logs a password-reset request once, by the same email hash as a failed login of that address', async () => {
      const login = await newLogin();
      const failed = await eventsDuring(() => post(agent(), '/login', { email: login.email, password: wrongPassword }));
      const events = await eventsDuring(() => post(agent(), '/glemt-adgangskode', { email: login.email }));
      expect(events).toEqual([
        expect.objectContaining({
          channel: 'security',
          event: 'password_reset.requested',
          tenant: portal.emailTenant.slug,
          ip: expect.stringContaining('127.0.0.1'),
          emailHash: failed[0].emailHash,
        }),
      ]);
      expect(events[0]).not.toHaveProperty('email');
      await catcher.waitFor((m) => m.to.includes(login.email) && m.subject === 'Nulstil adgangskode');
    });

    it('logs "Tilføj konto" by its outcome, never by the CPR typed', async () => {
      const requester = await newLogin('Rasmus Anmoder');
      const child = await newLogin('Bodil Barn');
      const a = agent();
      await post(a, '/login', { email: requester.email, password: requester.password });
      const events = await eventsDuring(async () => {
        const res = await post(a, '/konti/tilfoej', { cpr: child.cpr, cardNumber: child.cardNumber });
        expect(res.headers.location).toBe('/konti?besked=tilfoejet');
      });
      expect(events).toEqual([
        expect.objectContaining({ event: 'relation.requested', login: requester.loginId, reason: 'granted' }),
      ]);
    });

    it('never carried a CPR-like number, a password or an email address in clear, over this whole file', () => {
      expect(portal.securityEvents.length).toBeGreaterThan(5);
      expect(leakingLines(portal.securityEvents, secrets)).toEqual([]);
    });
  });
});
