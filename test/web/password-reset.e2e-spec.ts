import request from 'supertest';
import { inTenant } from '@kk/database';
import { PasswordHasher } from '@kk/identity';
import { startSmtpCatcher, uniqueSlug, type CaughtMail, type SmtpCatcher } from '@kk/testing';
import { csrfTokenOf, startPortalTestApp, type PortalTestApp, postForm, signInWithPassword } from './portal-test-app';

jest.setTimeout(30_000);

const resetPathOf = (mail: CaughtMail): string => {
  const url = /(http:\/\/\S+\/nulstil\?token=[\w-]+)/.exec(mail.text)?.[1];
  if (!url) throw new Error('no reset link in the email');
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

const PASSWORD = 'gammel men god sætning';
const HASH = new PasswordHasher().hash(PASSWORD);

/** A login with a password and no cards: a reset concerns the login only. */
async function createLogin(portal: PortalTestApp): Promise<{ loginId: string; email: string; password: string }> {
  const email = `${uniqueSlug('glemsom')}@example.dk`;
  const hash = await HASH;
  const [row] = await inTenant(portal.ds, portal.emailTenant.slug, (tx) =>
    tx.query<{ id: string }>('INSERT INTO logins (tenant_id, email, password_hash) VALUES ($1, $2, $3) RETURNING id', [
      tx.tenantId,
      email,
      hash,
    ]),
  );
  return { loginId: row.id, email, password: PASSWORD };
}

describe('"Glemt adgangskode" and "Nulstil adgangskode"', () => {
  let catcher: SmtpCatcher;
  let portal: PortalTestApp;
  let host: string;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    portal = await startPortalTestApp({
      email: { smtpUrl: catcher.url },
      rateLimits: { forgotPerIp: 1000, forgotPerEmail: 1000 },
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

  const signIn = (a: Agent, email: string, password: string) => signInWithPassword(a, host, { email, password });

  async function requestReset(email: string): Promise<CaughtMail> {
    const res = await post(agent(), '/glemt-adgangskode', { email });
    expect(res.status).toBe(200);
    return catcher.waitFor((m) => m.to.includes(email) && m.subject === 'Nulstil adgangskode');
  }

  it('gives the same answer for an unknown address, and sends no email', async () => {
    const login = await createLogin(portal);
    const known = await post(agent(), '/glemt-adgangskode', { email: login.email });
    const unknown = await post(agent(), '/glemt-adgangskode', { email: 'ingen@example.dk' });
    expect(unknown.status).toBe(known.status);
    const body = (text: string) => /<main[\s\S]*<\/main>/.exec(text)?.[0].replace(/value="[^"]*"/g, '');
    expect(body(unknown.text)).toBe(body(known.text));
    expect(known.text).toContain('Tjek din e-mail');
    await catcher.waitFor((m) => m.to.includes(login.email));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(catcher.messages.some((m) => m.to.includes('ingen@example.dk'))).toBe(false);
  });

  it('resets the password with "Gem Password", ends other sessions, and the new password works', async () => {
    const login = await createLogin(portal);
    const before = agent();
    expect((await signIn(before, login.email, login.password)).headers.location).toBe('/konti');
    await new Promise((resolve) => setTimeout(resolve, 5));

    const mail = await requestReset(login.email);
    const path = resetPathOf(mail);
    expect(mail.text).toContain(`http://${host}`);
    const a = agent();
    const form = await a.get(path).set('Host', host);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Gem Password');
    const token = new URL(path, 'http://x').searchParams.get('token') ?? '';

    const weak = await a
      .post('/nulstil')
      .set('Host', host)
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), token, password: 'kort', passwordRepeat: 'kort' });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('Adgangskoden skal være mindst 8 tegn');

    const saved = await a
      .post('/nulstil')
      .set('Host', host)
      .type('form')
      .send({
        _csrf: csrfTokenOf(form.text),
        token,
        password: 'ny og lang sætning',
        passwordRepeat: 'ny og lang sætning',
      });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/nulstil/udfoert');
    const done = await a.get('/nulstil/udfoert').set('Host', host);
    expect(done.text).toContain('Din adgangskode er ændret');
    expect(done.text).toContain('Log på med E-Mail');

    const stale = await before.get('/konti').set('Host', host);
    expect(stale.status).toBe(303);
    expect(stale.headers.location).toMatch(/^\/login/);

    await catcher.waitFor((m) => m.to.includes(login.email) && m.subject === 'Din adgangskode er ændret');
    expect((await signIn(agent(), login.email, login.password)).status).toBe(422);
    const fresh = agent();
    expect((await signIn(fresh, login.email, 'ny og lang sætning')).headers.location).toBe('/konti');
    expect((await fresh.get('/konti').set('Host', host)).status).toBe(200);

    const again = await agent().get(path).set('Host', host);
    expect(again.status).toBe(410);
    expect(again.text).toContain('udløbet eller allerede brugt');
    expect(again.text).toContain('href="/glemt-adgangskode"');
  });

  it('refuses an expired link with a way to ask again', async () => {
    const login = await createLogin(portal);
    const path = resetPathOf(await requestReset(login.email));
    await inTenant(portal.ds, portal.emailTenant.slug, (tx) =>
      tx.query(
        "UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND login_id = $2",
        [tx.tenantId, login.loginId],
      ),
    );
    const res = await agent().get(path).set('Host', host);
    expect(res.status).toBe(410);
    expect(res.text).toContain('Bestil et nyt link');
  });

  it('does not exist on a MitID tenant', async () => {
    expect((await agent().get('/glemt-adgangskode').set('Host', portal.oidcTenant.hosts[0])).status).toBe(404);
  });
});

describe('"Glemt adgangskode" rate limits', () => {
  let catcher: SmtpCatcher;
  let portal: PortalTestApp;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    portal = await startPortalTestApp({
      email: { smtpUrl: catcher.url },
      rateLimits: { forgotPerIp: 1000, forgotPerEmail: 2 },
    });
  });
  afterAll(async () => {
    await portal?.close();
    await catcher?.stop();
  });

  it('answers 429 in Danish once one address has been asked for too often', async () => {
    const host = portal.emailTenant.hosts[0];
    const a = request.agent(portal.app.getHttpServer());
    const token = csrfTokenOf((await a.get('/glemt-adgangskode').set('Host', host)).text);
    const send = (email: string) =>
      a.post('/glemt-adgangskode').set('Host', host).type('form').send({ _csrf: token, email });
    expect((await send('en@example.dk')).status).toBe(200);
    expect((await send('EN@example.dk ')).status).toBe(200);
    const limited = await send('en@example.dk');
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('For mange forsøg');
    expect((await send('to@example.dk')).status).toBe(200);
  });
});
