import request from 'supertest';
import { PasswordResetService } from '@kk/identity';
import { startSmtpCatcher, totpCode, type SmtpCatcher } from '@kk/testing';
import {
  createEmailLogin,
  postForm,
  startPortalTestApp,
  type PortalTestApp,
  type TestLogin,
  signInWithPassword,
} from './portal-test-app';

type Agent = ReturnType<typeof request.agent>;

/** Two-factor sign-in (TOTP) for a parent's email login, over HTTP against the real portal. */
describe('two-factor sign-in ("Totrinsbekræftelse")', () => {
  let catcher: SmtpCatcher;
  let portal: PortalTestApp;
  let host: string;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    portal = await startPortalTestApp({ email: { smtpUrl: catcher.url } });
    host = portal.emailTenant.hosts[0];
  });
  afterAll(async () => {
    await portal?.close();
    await catcher?.stop();
  });

  const agent = (): Agent => request.agent(portal.app.getHttpServer());
  const post = (a: Agent, path: string, form: Record<string, string>, page = path) =>
    postForm(a, host, path, form, page);
  const signIn = (a: Agent, login: TestLogin, password = login.password) =>
    signInWithPassword(a, host, { email: login.email, password });
  const keyOf = (html: string): string => /class="totp-key">([A-Z2-7 ]+)</.exec(html)?.[1].replace(/ /g, '') ?? '';
  const steps = (n: number) => new Date(Date.now() + n * 30_000);

  /** Turns two-factor sign-in on through the pages, as the parent would; returns the key. */
  async function turnOn(a: Agent): Promise<string> {
    const konti = await a.get('/konti').set('Host', host);
    expect(konti.text).toContain('href="/sikkerhed"');
    const settings = await a.get('/sikkerhed').set('Host', host);
    expect(settings.text).toContain('Totrinsbekræftelse er slået fra.');
    const started = await post(a, '/sikkerhed/start', {}, '/sikkerhed');
    expect(started.headers.location).toBe('/sikkerhed/opsaet');
    const setup = await a.get('/sikkerhed/opsaet').set('Host', host);
    // Handlebars writes '=' as '&#x3D;', which the browser reads back as '='.
    expect(setup.text).toMatch(/<img class="qr-code" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(&#x3D;)*"/);
    const key = keyOf(setup.text);
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    const wrong = await post(a, '/sikkerhed/opsaet', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Koden er forkert');
    // The code of the previous step: the sign-in right after may then use the current one.
    const done = await post(a, '/sikkerhed/opsaet', { code: totpCode(key, steps(-1)) });
    expect(done.headers.location).toBe('/sikkerhed?besked=til');
    expect((await a.get('/sikkerhed').set('Host', host)).text).toContain('Totrinsbekræftelse er slået til.');
    return key;
  }

  it('turns on with a first code, then asks the code after the password, and a code works once', async () => {
    const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Tove Totrin', balance: 0 });
    const a = agent();
    await signIn(a, login);
    const key = await turnOn(a);

    const b = agent();
    const password = await signIn(b, login);
    expect(password.headers.location).toBe('/login/kode');
    // The right password alone signs nobody in.
    expect((await b.get('/konti').set('Host', host)).status).toBe(303);
    const page = await b.get('/login/kode').set('Host', host);
    expect(page.text).toContain('autocomplete="one-time-code"');
    expect((await post(b, '/login/kode', { code: '123456' })).status).toBe(422);
    const code = totpCode(key);
    const ok = await post(b, '/login/kode', { code });
    expect(ok.headers.location).toBe('/konti');
    expect((await b.get('/konti').set('Host', host)).text).toContain('Tove Totrin');

    // The same code again, in another browser after the right password: refused as used.
    const c = agent();
    await signIn(c, login);
    const replay = await post(c, '/login/kode', { code });
    expect(replay.status).toBe(422);
    expect((await c.get('/konti').set('Host', host)).status).toBe(303);
    expect(portal.securityEvents).toContainEqual(
      expect.objectContaining({ event: 'login.mfa_failed', login: login.loginId, reason: 'replayed' }),
    );
  });

  it('sends the person back to the password after five wrong codes', async () => {
    const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Bo Bogstav', balance: 0 });
    const a = agent();
    await signIn(a, login);
    const key = await turnOn(a);
    const b = agent();
    await signIn(b, login);
    const statuses: number[] = [];
    for (const code of ['111111', '222222', '333333', '444444', '555555']) {
      statuses.push((await post(b, '/login/kode', { code }, '/login/kode')).status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 429]);
    // Even the right code no longer counts in that session.
    const late = await b
      .post('/login/kode')
      .set('Host', host)
      .type('form')
      .send({ code: totpCode(key) });
    expect([303, 403]).toContain(late.status);
    expect((await b.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('is not bypassed by a password reset', async () => {
    const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Rie Reset', balance: 0 });
    const a = agent();
    await signIn(a, login);
    await turnOn(a);
    const reset = await portal.app
      .get(PasswordResetService)
      .issueToken({ tenantId: portal.emailTenant.slug }, login.email);
    const newPassword = 'ny adgangskode efter nulstilling';
    const done = await post(
      agent(),
      '/nulstil',
      { token: reset.token!, password: newPassword, passwordRepeat: newPassword },
      `/nulstil?token=${reset.token!}`,
    );
    expect(done.headers.location).toBe('/nulstil/udfoert');
    const b = agent();
    expect((await signIn(b, login, newPassword)).headers.location).toBe('/login/kode');
    expect((await b.get('/konti').set('Host', host)).status).toBe(303);
  });

  it('turns off only with a current code', async () => {
    const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Frede Fra', balance: 0 });
    const a = agent();
    await signIn(a, login);
    const key = await turnOn(a);
    const wrong = await post(a, '/sikkerhed/slaa-fra', { code: '999999' }, '/sikkerhed');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Totrinsbekræftelse er slået til.');
    const off = await post(a, '/sikkerhed/slaa-fra', { code: totpCode(key) }, '/sikkerhed');
    expect(off.headers.location).toBe('/sikkerhed?besked=fra');
    expect((await signIn(agent(), login)).headers.location).toBe('/konti');
  });

  it('keeps the two-factor pages from a visitor', async () => {
    const visitor = await agent().get('/sikkerhed').set('Host', host);
    expect(visitor.status).toBe(303);
    expect((await agent().get('/login/kode').set('Host', host)).headers.location).toBe('/login');
  });
});
