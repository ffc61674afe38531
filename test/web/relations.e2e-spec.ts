import request from 'supertest';
import type { DataSource } from 'typeorm';
import { uniqueCardNumber, uniqueCpr } from '@kk/testing';
import {
  createEmailLogin,
  csrfTokenOf,
  startPortalTestApp,
  type PortalTestApp,
  signedInAgent,
} from './portal-test-app';

/** A person of their own CPR, and the email login that sees them as 'self' (who approves requests). */
interface Person {
  readonly name: string;
  readonly cpr: string;
  readonly cardNumber: string;
  readonly login: { email: string; password: string };
}

async function createPerson(ds: DataSource, tenantId: string, name: string): Promise<Person> {
  const made = await createEmailLogin(ds, tenantId, { name, balance: 0 });
  return { name, cpr: made.cpr, cardNumber: made.cardNumber, login: { email: made.email, password: made.password } };
}

describe('Tilføj konto and Godkend tilknytninger', () => {
  let portal: PortalTestApp;
  let host: string;

  beforeAll(async () => {
    portal = await startPortalTestApp();
    host = portal.emailTenant.hosts[0];
  });
  afterAll(() => portal.close());

  type Agent = ReturnType<typeof request.agent>;
  const agent = (): Agent => request.agent(portal.app.getHttpServer());

  const signedIn = (who: { email: string; password: string }): Promise<Agent> => signedInAgent(portal.app, host, who);

  async function addAccount(a: Agent, cpr: string, cardNumber: string) {
    const page = await a.get('/konti/tilfoej').set('Host', host);
    expect(page.status).toBe(200);
    return a
      .post('/konti/tilfoej')
      .set('Host', host)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), cpr, cardNumber });
  }

  /** Posts the form of the list page whose hidden requestId sits in the block mentioning `marker`. */
  async function postFromList(a: Agent, marker: string, action: string, extra: Record<string, string> = {}) {
    const page = await a.get('/konti/tilknytninger').set('Host', host);
    const item = page.text.split('<li class="relation-request">').find((block) => block.includes(marker));
    if (!item) throw new Error(`no request mentioning ${marker}`);
    const requestId = /name="requestId" value="([^"]+)"/.exec(item)?.[1] ?? '';
    return a
      .post(action)
      .set('Host', host)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), requestId, ...extra });
  }

  const masked = (cpr: string) => `${cpr.slice(0, 6)}-XXXX`;
  // createEmailLogin's person has one fixed CPR, unique per tenant: requesters are people of their own.
  const newRequester = async (name: string) => (await createPerson(portal.ds, portal.emailTenant.slug, name)).login;

  it('links "Tilføj konto" and "Godkend tilknytninger" from Mine konti', async () => {
    const requester = await newRequester('Rita Linksen');
    const res = await (await signedIn(requester)).get('/konti').set('Host', host);
    expect(res.text).toContain('href="/konti/tilfoej"');
    expect(res.text).toContain('Tilføj konto');
    expect(res.text).toContain('href="/konti/tilknytninger"');
  });

  it('grants access at once for the right CPR and card number (lower-case letters accepted)', async () => {
    const requester = await newRequester('Rasmus Ret');
    const person = await createPerson(portal.ds, portal.emailTenant.slug, 'Signe Rigtigpar');
    const a = await signedIn(requester);
    const res = await addAccount(a, person.cpr, person.cardNumber.toLowerCase());
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/konti?besked=tilfoejet');
    const accounts = await a.get(res.headers.location).set('Host', host);
    expect(accounts.text).toContain('Kontoen er nu tilføjet.');
    expect(accounts.text).toContain('Signe Rigtigpar');
    expect(accounts.text).toContain(person.cardNumber);
  });

  it('answers a wrong card number and an unknown CPR identically: "Afventer godkendelse"', async () => {
    const requester = await newRequester('Rikke Forkert');
    const person = await createPerson(portal.ds, portal.emailTenant.slug, 'Svend Forkertkort');
    const a = await signedIn(requester);
    const wrong = await addAccount(a, person.cpr, uniqueCardNumber());
    const unknownCpr = uniqueCpr();
    const unknown = await addAccount(a, unknownCpr, uniqueCardNumber());
    const missing = await addAccount(a, uniqueCpr(), '');
    for (const res of [wrong, unknown, missing]) {
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/konti/tilknytninger?besked=afventer');
    }
    const list = await a.get('/konti/tilknytninger?besked=afventer').set('Host', host);
    expect(list.text).toContain('Afventer godkendelse');
    expect(list.text).toContain(masked(person.cpr));
    expect(list.text).toContain(masked(unknownCpr));
    // Never the person's name or a whole CPR before access is granted.
    expect(list.text).not.toContain('Svend Forkertkort');
    expect(list.text).not.toContain(person.cpr);
    expect((await a.get('/konti').set('Host', host)).text).not.toContain('Svend Forkertkort');
  });

  it('lets the person approve a request, after which the requester sees them', async () => {
    const requester = await newRequester('Rune Anmoder');
    const person = await createPerson(portal.ds, portal.emailTenant.slug, 'Sofie Godkender');
    const a = await signedIn(requester);
    await addAccount(a, person.cpr, '');

    const p = await signedIn(person.login);
    expect((await p.get('/konti').set('Host', host)).text).toContain('Godkend tilknytninger (1 venter)');
    const list = await p.get('/konti/tilknytninger').set('Host', host);
    expect(list.text).toContain(requester.email);
    expect(list.text).toContain('Sofie Godkender');
    expect(list.text).not.toContain(person.cpr);
    expect(list.text).not.toContain(masked(person.cpr));
    const res = await postFromList(p, requester.email, '/konti/tilknytninger/beslut', { decision: 'approve' });
    expect(res.status).toBe(303);
    expect((await p.get(res.headers.location).set('Host', host)).text).toContain('Tilknytningen er godkendt.');

    const accounts = await a.get('/konti').set('Host', host);
    expect(accounts.text).toContain('Sofie Godkender');
    expect(accounts.text).toContain(person.cardNumber);
    expect((await a.get('/konti/tilknytninger').set('Host', host)).text).not.toContain(masked(person.cpr));
  });

  it('lets the person reject a request: the requester gets no access', async () => {
    const requester = await newRequester('Rolf Afvist');
    const person = await createPerson(portal.ds, portal.emailTenant.slug, 'Stine Afviser');
    const a = await signedIn(requester);
    await addAccount(a, person.cpr, uniqueCardNumber());

    const p = await signedIn(person.login);
    const res = await postFromList(p, requester.email, '/konti/tilknytninger/beslut', { decision: 'reject' });
    expect((await p.get(res.headers.location).set('Host', host)).text).toContain('Tilknytningen er afvist.');
    expect((await p.get('/konti/tilknytninger').set('Host', host)).text).not.toContain(requester.email);

    expect((await a.get('/konti').set('Host', host)).text).not.toContain('Stine Afviser');
    expect((await a.get('/konti/tilknytninger').set('Host', host)).text).not.toContain(masked(person.cpr));
  });

  it('lets the requester delete a pending request ("Slet tilknytning"), which the person then no longer sees', async () => {
    const requester = await newRequester('Rie Fortryder');
    const person = await createPerson(portal.ds, portal.emailTenant.slug, 'Sune Slettet');
    const a = await signedIn(requester);
    await addAccount(a, person.cpr, '');
    const res = await postFromList(a, masked(person.cpr), '/konti/tilknytninger/slet');
    expect(res.status).toBe(303);
    const after = await a.get(res.headers.location).set('Host', host);
    expect(after.text).toContain('Tilknytningen er slettet.');
    expect(after.text).not.toContain(masked(person.cpr));

    const p = await signedIn(person.login);
    expect((await p.get('/konti/tilknytninger').set('Host', host)).text).not.toContain(requester.email);
  });

  it('does not let the requester approve their own request, nor a stranger decide it', async () => {
    const requester = await newRequester('Ronja Selvgod');
    const person = await createPerson(portal.ds, portal.emailTenant.slug, 'Sara Beskyttet');
    const stranger = await createPerson(portal.ds, portal.emailTenant.slug, 'Sten Fremmed');
    const a = await signedIn(requester);
    await addAccount(a, person.cpr, '');
    const p = await signedIn(person.login);
    const list = await p.get('/konti/tilknytninger').set('Host', host);
    const requestId = /name="requestId" value="([^"]+)"/.exec(list.text)?.[1] ?? '';

    for (const who of [a, await signedIn(stranger.login)]) {
      const page = await who.get('/konti/tilknytninger').set('Host', host);
      const res = await who
        .post('/konti/tilknytninger/beslut')
        .set('Host', host)
        .type('form')
        .send({ _csrf: csrfTokenOf(page.text), requestId, decision: 'approve' });
      expect(res.headers.location).toBe('/konti/tilknytninger?besked=ukendt');
    }
    expect((await a.get('/konti').set('Host', host)).text).not.toContain('Sara Beskyttet');
    expect((await p.get('/konti/tilknytninger').set('Host', host)).text).toContain(requester.email);
  });

  it('shows Danish errors beside the fields for a malformed CPR or card number, and stores nothing', async () => {
    const requester = await newRequester('Robert Bindestreg');
    const a = await signedIn(requester);
    const res = await addAccount(a, '0103901', '');
    expect(res.status).toBe(422);
    expect(res.text).toContain('<p class="form-error" id="cpr-error">CPR-nummeret skal være 10 cifre</p>');
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).not.toContain('0103901');
    const badDate = await addAccount(a, '3213901234', '');
    expect(badDate.text).toContain('CPR-nummeret indeholder ikke en gyldig dato');
    const bad = await addAccount(a, uniqueCpr(), 'ikke et kort!');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="cardNumber-error"');
    expect((await a.get('/konti/tilknytninger').set('Host', host)).text).toContain(
      'Du har ingen tilknytninger, der afventer godkendelse.',
    );
  });

  it('refuses the forms without the session CSRF token', async () => {
    const requester = await newRequester('Rut Forfalsket');
    const person = await createPerson(portal.ds, portal.emailTenant.slug, 'Simon Sikker');
    const a = await signedIn(requester);
    const forged = await a
      .post('/konti/tilfoej')
      .set('Host', host)
      .type('form')
      .send({ _csrf: 'forged', cpr: person.cpr, cardNumber: person.cardNumber });
    expect(forged.status).toBe(403);
    for (const action of ['/konti/tilknytninger/beslut', '/konti/tilknytninger/slet']) {
      const res = await a.post(action).set('Host', host).type('form').send({ requestId: 'x', decision: 'approve' });
      expect(res.status).toBe(403);
    }
    expect((await a.get('/konti').set('Host', host)).text).not.toContain('Simon Sikker');
  });

  it('sends a visitor without a session to the login page', async () => {
    for (const path of ['/konti/tilfoej', '/konti/tilknytninger']) {
      const res = await agent().get(path).set('Host', host);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });
});

describe('Tilføj konto rate limit', () => {
  let portal: PortalTestApp;
  beforeAll(async () => {
    portal = await startPortalTestApp();
  });
  afterAll(() => portal.close());

  const signedIn = (host: string, person: { login: { email: string; password: string } }) =>
    signedInAgent(portal.app, host, person.login);

  async function tryPair(a: ReturnType<typeof request.agent>, host: string, cpr: string, cardNumber: string) {
    const page = await a.get('/konti/tilfoej').set('Host', host);
    const res = await a
      .post('/konti/tilfoej')
      .set('Host', host)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), cpr, cardNumber });
    return res.status;
  }

  it('limits guesses on one target CPR across logins, so card numbers cannot be tried for a known CPR', async () => {
    const host = portal.emailTenant.hosts[0];
    const target = await createPerson(portal.ds, portal.emailTenant.slug, 'Tove Target');
    const first = await signedIn(host, await createPerson(portal.ds, portal.emailTenant.slug, 'Gitte Gætter'));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await tryPair(first, host, target.cpr, `${1000000000000000 + i}`));
    expect(statuses).toEqual([303, 303, 303, 303, 303]);
    expect(await tryPair(first, host, target.cpr, '1000000000000009')).toBe(429);
    // Another login (the same attacker's second account) gets no fresh budget for that person.
    const second = await signedIn(host, await createPerson(portal.ds, portal.emailTenant.slug, 'Gert Gætter'));
    expect(await tryPair(second, host, target.cpr, '1000000000000010')).toBe(429);
  });

  it('limits one login to 10 tries in 15 minutes, whatever CPR it types', async () => {
    const host = portal.emailTenant.hosts[0];
    const a = await signedIn(host, await createPerson(portal.ds, portal.emailTenant.slug, 'Lise Løber'));
    const targets = await Promise.all(
      Array.from({ length: 11 }, (_, i) => createPerson(portal.ds, portal.emailTenant.slug, `Mål ${i}`)),
    );
    const statuses: number[] = [];
    for (const target of targets) statuses.push(await tryPair(a, host, target.cpr, '1000000000000001'));
    expect(statuses).toEqual([...Array<number>(10).fill(303), 429]);
  });
});
