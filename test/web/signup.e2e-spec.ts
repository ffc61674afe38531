import request from 'supertest';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import {
  createPerson,
  startSmtpCatcher,
  uniqueCardNumber,
  uniqueSlug,
  type CaughtMail,
  type SmtpCatcher,
  type TestPerson,
} from '@kk/testing';
import { csrfTokenOf, startPortalTestApp, type PortalTestApp, postForm } from './portal-test-app';

jest.setTimeout(30_000);

type Student = TestPerson;

/** A pupil the school has registered (CSV import in real life), with no login yet. */
const createStudent = (ds: DataSource, tenantId: string, name: string): Promise<Student> =>
  createPerson(ds, tenantId, { name });

const codeOf = (mail: CaughtMail): string => /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
const resumeLinkOf = (mail: CaughtMail): string =>
  /(http:\/\/\S+\/opret\/fortsaet\?token=[\w-]+)/.exec(mail.text)?.[1] ?? '';

describe('email sign-up (seed 000 steps 1-7)', () => {
  let catcher: SmtpCatcher;
  let portal: PortalTestApp;
  let host: string;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    portal = await startPortalTestApp({
      email: { smtpUrl: catcher.url },
      rateLimits: { signupPerIp: 1000, activationPerIp: 1000 },
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

  async function toActivation(a: Agent, student: Student, email: string): Promise<CaughtMail> {
    expect((await post(a, '/opret', { cpr: student.cpr, email })).headers.location).toBe('/opret/elev');
    const res = await post(a, '/opret/elev', { name: student.name, cardNumber: student.cardNumber });
    expect(res.headers.location).toBe('/opret/aktivering');
    return catcher.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Din aktiveringskode'));
  }

  const loginCount = async (email: string): Promise<number> =>
    inTenant(portal.ds, portal.emailTenant.slug, async (tx) => {
      const rows = await tx.query('SELECT 1 FROM logins WHERE tenant_id = $1 AND email = $2', [tx.tenantId, email]);
      return rows.length;
    });

  it('links to sign-up and "Glemt adgangskode" from the login page', async () => {
    const res = await agent().get('/login').set('Host', host);
    expect(res.text).toContain('href="/opret"');
    expect(res.text).toContain('Ny bruger? Opret dig her');
    expect(res.text).toContain('href="/glemt-adgangskode"');
  });

  it('signs up with the code from the email and lands signed in on Mine konti', async () => {
    const student = await createStudent(portal.ds, portal.emailTenant.slug, 'Ida Opretsen');
    const email = `${uniqueSlug('ny')}@example.dk`;
    const a = agent();
    const first = await a.get('/opret').set('Host', host);
    expect(first.text).toContain('>Opret</button>');
    const mail = await toActivation(a, student, email);
    expect(resumeLinkOf(mail)).toMatch(new RegExp(`^http://${host}(:\\d+)?/opret/fortsaet\\?token=`));

    const code = await post(a, '/opret/aktivering', { code: codeOf(mail) });
    expect(code.headers.location).toBe('/opret/adgangskode');
    const password = await post(a, '/opret/adgangskode', {
      password: 'blå cykel på taget',
      passwordRepeat: 'blå cykel på taget',
    });
    expect(password.headers.location).toBe('/opret/bekraeftelse');
    // Signed in by the step that proved the password; the confirmation's "Næste" is a link.
    const done = await a.get('/opret/bekraeftelse').set('Host', host);
    expect(done.status).toBe(200);
    expect(done.text).toContain('href="/konti"');
    const accounts = await a.get('/konti').set('Host', host);
    expect(accounts.status).toBe(200);
    expect(accounts.text).toContain('Ida Opretsen');
    expect(accounts.text).toContain(student.cardNumber);
    expect(await loginCount(email)).toBe(1);
  });

  it('leaves no sign-in without the password: the sign-up session is replaced and its state gone', async () => {
    const student = await createStudent(portal.ds, portal.emailTenant.slug, 'Pia Sessionsen');
    const email = `${uniqueSlug('ny')}@example.dk`;
    const a = agent();
    const mail = await toActivation(a, student, email);
    await post(a, '/opret/aktivering', { code: codeOf(mail) });
    // The session cookie as it was before the last step (express-session re-sends it on every response).
    const page = await a.get('/opret/adgangskode').set('Host', host);
    const before = /kk\.sid=[^;]+/.exec(String(page.headers['set-cookie']))?.[0];
    expect(before).toBeDefined();
    const done = await post(a, '/opret/adgangskode', {
      password: 'grøn bus ved havnen',
      passwordRepeat: 'grøn bus ved havnen',
    });
    expect(done.headers.location).toBe('/opret/bekraeftelse');
    expect((await a.get('/konti').set('Host', host)).status).toBe(200);

    // That older session signs nobody in, and holds no sign-up to finish again.
    const old = request(portal.app.getHttpServer());
    expect((await old.get('/konti').set('Host', host).set('Cookie', before!)).status).toBe(303);
    expect((await old.get('/opret/bekraeftelse').set('Host', host).set('Cookie', before!)).headers.location).toBe(
      '/opret',
    );
    expect((await a.post('/opret/bekraeftelse').set('Host', host)).status).not.toBe(303);
  });

  it('answers an email that already has a login exactly as a new one, and tells only its owner', async () => {
    const owner = await createStudent(portal.ds, portal.emailTenant.slug, 'Ejer Eksisterende');
    const email = `${uniqueSlug('ejer')}@example.dk`;
    const first = agent();
    await toActivation(first, owner, email);
    await post(first, '/opret/aktivering', {
      code: codeOf(await catcher.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Din aktiveringskode'))),
    });
    await post(first, '/opret/adgangskode', { password: 'lilla hest i haven', passwordRepeat: 'lilla hest i haven' });
    expect(await loginCount(email)).toBe(1);

    // Someone else, with another pupil's CPR and card, tries the same address.
    const student = await createStudent(portal.ds, portal.emailTenant.slug, 'Anden Elev');
    const a = agent();
    const step1 = await post(a, '/opret', { cpr: student.cpr, email });
    expect([step1.status, step1.headers.location]).toEqual([303, '/opret/elev']);
    const step2 = await post(a, '/opret/elev', { name: student.name, cardNumber: student.cardNumber });
    expect([step2.status, step2.headers.location]).toEqual([303, '/opret/aktivering']);
    const notice = await catcher.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Nogen forsøgte'));
    expect(notice.text).toContain('Der findes allerede en bruger');
    expect(notice.text).not.toMatch(/\b\d{6}\b/);
    const step3 = await post(a, '/opret/aktivering', { code: '123456' });
    expect(step3.status).toBe(422);
    expect(step3.text).toContain('Aktiveringskoden er forkert');
    expect(await loginCount(email)).toBe(1);
  });

  it('refuses a wrong card number in Danish beside the field, and creates nothing', async () => {
    const student = await createStudent(portal.ds, portal.emailTenant.slug, 'Bo Forkert');
    const email = `${uniqueSlug('ny')}@example.dk`;
    const a = agent();
    await post(a, '/opret', { cpr: student.cpr, email });
    const badShape = await post(a, '/opret/elev', { name: student.name, cardNumber: '1234' });
    expect(badShape.status).toBe(422);
    expect(badShape.text).toContain('Ugyldigt Kortnummer');
    expect(badShape.text).toMatch(/aria-invalid="true"/);
    expect(badShape.text).toContain('aria-describedby="cardNumber-hint cardNumber-error"');
    const wrong = await post(a, '/opret/elev', { name: student.name, cardNumber: uniqueCardNumber() });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Vi kunne ikke finde en elev med dette CPR-nummer og kortnummer');
    expect(catcher.messages.some((m) => m.to.includes(email))).toBe(false);
    expect(await loginCount(email)).toBe(0);
  });

  it('shows step 1 errors beside the fields and keeps the email (but not the CPR)', async () => {
    const res = await post(agent(), '/opret', { cpr: '12345', email: 'forælder@example.dk' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('CPR-nummeret skal være 10 cifre');
    expect(res.text).toContain('aria-describedby="cpr-hint cpr-error" aria-invalid="true"');
    expect(res.text).toContain('value="forælder@example.dk"');
    expect(res.text).not.toContain('12345');
  });

  it('counts wrong codes: the fifth ends the sign-up, and even the right code no longer works', async () => {
    const student = await createStudent(portal.ds, portal.emailTenant.slug, 'Kim Koder');
    const email = `${uniqueSlug('ny')}@example.dk`;
    const a = agent();
    const mail = await toActivation(a, student, email);
    const right = codeOf(mail);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const res = await post(a, '/opret/aktivering', { code: wrong });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Aktiveringskoden er forkert');
    }
    const fifth = await post(a, '/opret/aktivering', { code: wrong });
    expect(fifth.text).toContain('For mange forkerte forsøg');
    expect(fifth.text).toContain('href="/opret"');
    const late = await post(a, '/opret/aktivering', { code: right });
    expect(late.status).toBe(422);
    expect(await loginCount(email)).toBe(0);
  });

  it('refuses an expired code', async () => {
    const student = await createStudent(portal.ds, portal.emailTenant.slug, 'Eva Udløbet');
    const email = `${uniqueSlug('ny')}@example.dk`;
    const a = agent();
    const mail = await toActivation(a, student, email);
    await inTenant(portal.ds, portal.emailTenant.slug, (tx) =>
      tx.query("UPDATE signups SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND email = $2", [
        tx.tenantId,
        email,
      ]),
    );
    const res = await post(a, '/opret/aktivering', { code: codeOf(mail) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Aktiveringskoden er udløbet');
  });

  it('resumes from the email link in a fresh browser after the tab was closed', async () => {
    const student = await createStudent(portal.ds, portal.emailTenant.slug, 'Lone Lukket');
    const email = `${uniqueSlug('ny')}@example.dk`;
    const mail = await toActivation(agent(), student, email);
    const fresh = agent();
    const link = new URL(resumeLinkOf(mail));
    const resumed = await fresh.get(`${link.pathname}${link.search}`).set('Host', host);
    expect(resumed.status).toBe(303);
    expect(resumed.headers.location).toBe('/opret/aktivering');
    expect((await post(fresh, '/opret/aktivering', { code: codeOf(mail) })).headers.location).toBe(
      '/opret/adgangskode',
    );
    const done = await post(fresh, '/opret/adgangskode', {
      password: 'grøn kaffe i krukken',
      passwordRepeat: 'grøn kaffe i krukken',
    });
    expect(done.headers.location).toBe('/opret/bekraeftelse');
    expect(await loginCount(email)).toBe(1);

    const used = await agent().get(`${link.pathname}${link.search}`).set('Host', host);
    expect(used.status).toBe(410);
    expect(used.text).toContain('Start forfra');
  });

  it('refuses weak, common and mismatched passwords, each beside its field', async () => {
    const student = await createStudent(portal.ds, portal.emailTenant.slug, 'Per Password');
    const email = `${uniqueSlug('ny')}@example.dk`;
    const a = agent();
    const mail = await toActivation(a, student, email);
    await post(a, '/opret/aktivering', { code: codeOf(mail) });
    const short = await post(a, '/opret/adgangskode', { password: 'kort', passwordRepeat: 'kort' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('Adgangskoden skal være mindst 8 tegn');
    expect(short.text).toContain('aria-describedby="password-hint password-error" aria-invalid="true"');
    const common = await post(a, '/opret/adgangskode', { password: 'password123', passwordRepeat: 'password123' });
    expect(common.text).toContain('Adgangskoden er for almindelig');
    const differ = await post(a, '/opret/adgangskode', {
      password: 'lang og god sætning',
      passwordRepeat: 'lang og god sætnin',
    });
    expect(differ.text).toContain('Adgangskoderne er ikke ens');
    expect(differ.text).toContain('id="passwordRepeat-error"');
    expect(await loginCount(email)).toBe(0);
  });

  it('answers in English when the session chose English', async () => {
    const a = agent();
    await a.get('/sprog?l=en').set('Host', host);
    const res = await post(a, '/opret', { cpr: '', email: '' });
    expect(res.text).toContain('The CPR number is missing');
    expect(res.text).toContain('>Create</button>');
  });

  it('refuses a step posted without the CSRF token, and stores nothing', async () => {
    const student = await createStudent(portal.ds, portal.emailTenant.slug, 'Carl Csrf');
    const email = `${uniqueSlug('ny')}@example.dk`;
    const a = agent();
    await a.get('/opret').set('Host', host);
    const res = await a
      .post('/opret')
      .set('Host', host)
      .type('form')
      .send({ _csrf: 'forged', cpr: student.cpr, email });
    expect(res.status).toBe(403);
    const rows = await inTenant(portal.ds, portal.emailTenant.slug, (tx) =>
      tx.query('SELECT 1 FROM signups WHERE tenant_id = $1 AND email = $2', [tx.tenantId, email]),
    );
    expect(rows).toHaveLength(0);
  });

  it('does not exist on a MitID tenant', async () => {
    const res = await agent().get('/opret').set('Host', portal.oidcTenant.hosts[0]);
    expect(res.status).toBe(404);
  });
});

describe('sign-up rate limit', () => {
  let catcher: SmtpCatcher;
  let portal: PortalTestApp;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    portal = await startPortalTestApp({ email: { smtpUrl: catcher.url }, rateLimits: { signupPerIp: 3 } });
  });
  afterAll(async () => {
    await portal?.close();
    await catcher?.stop();
  });

  it('answers the fourth sign-up post from one address with a Danish 429 page', async () => {
    const host = portal.emailTenant.hosts[0];
    const a = request.agent(portal.app.getHttpServer());
    const token = csrfTokenOf((await a.get('/opret').set('Host', host)).text);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await a.post('/opret').set('Host', host).type('form').send({ _csrf: token, cpr: '1', email: 'x' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.text).toContain('For mange forsøg');
    }
    expect(statuses).toEqual([422, 422, 422, 429]);
  });
});
