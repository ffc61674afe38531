import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { inTenant } from '@kk/database';
import {
  accountAuditEvents,
  createPerson,
  createUnit,
  storedAccountSettings,
  storedPhoto,
  uniqueCardNumber,
  unescapeHtml,
  type TestLogin,
} from '@kk/testing';
import { TEST_CITIZEN_SUBS as SUB } from '../../apps/idp-sim/src/test-citizens';
import { citizen, startMitIdTestBed, type Agent, type MitIdTestBed } from './mitid-test-login';
import { createEmailLogin, csrfTokenOf, postForm, signedInAgent, type PortalTestApp } from './portal-test-app';

jest.setTimeout(60_000);

/**
 * "Brugeroplysninger" (both seeds) against the real portal, database and Redis: every form with
 * every bad input (the error beside its field, what was typed kept, nothing stored), each change
 * with its audit row, and an account the login may not see answering 404 on every route, route
 * by route, changing nothing. Sct. Ibs (email login) has card number change and spending
 * limits; Gladsaxe (MitID, the broker stand-in) has units, the photo, and refuses deposits to a
 * blocked account.
 */
let bed: MitIdTestBed;
let portal: PortalTestApp;
let school: string;
let municipality: string;

beforeAll(async () => {
  // Many parents sign in from one address here: the login limit per IP is not what this file tests.
  bed = await startMitIdTestBed([], { rateLimits: { loginPerIp: 10_000 } });
  portal = bed.portal;
  school = portal.emailTenant.hosts[0];
  municipality = bed.host;
});
afterAll(() => bed?.stop());

interface Parent {
  readonly agent: Agent;
  readonly accountId: string;
  readonly cardNumber: string;
  readonly loginId?: string;
  readonly host: string;
  readonly tenant: string;
}

async function schoolParent(options: Parameters<typeof createEmailLogin>[2] = {}): Promise<Parent & TestLogin> {
  const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { balance: 10_000, ...options });
  const agent = await signedInAgent(portal.app, school, login);
  return { ...login, agent, host: school, tenant: portal.emailTenant.slug };
}

/** A citizen at the municipality, signed in with MitID (the CPR asked once and matched by the broker). */
async function municipalityCitizen(sub: string): Promise<Parent> {
  const { name, cpr } = citizen(sub);
  const cardNumber = `GLX${uniqueCardNumber().slice(0, 12)}`;
  const person = await createPerson(portal.ds, portal.oidcTenant.slug, { cpr, name, cardNumber, balance: 10_000 });
  const agent = bed.agent();
  const back = await bed.logIn(agent, sub);
  if (back.headers.location === '/auth/oidc/cpr') await bed.postCpr(agent, cpr!);
  expect((await agent.get('/konti').set('Host', municipality)).status).toBe(200);
  return { agent, accountId: person.accountId, cardNumber, host: municipality, tenant: portal.oidcTenant.slug };
}

const settingsPath = (accountId: string, form = '') => `/konti/${accountId}/oplysninger${form ? `/${form}` : ''}`;
const get = (p: Parent, path: string) => p.agent.get(path).set('Host', p.host);

/** A form of Brugeroplysninger, posted as the browser does: the parent's own page for the token, then the form. */
function post(p: Parent, form: string, fields: Record<string, string>, accountId = p.accountId) {
  return postForm(p.agent, p.host, settingsPath(accountId, form), fields, settingsPath(p.accountId));
}

interface Upload {
  readonly file?: Buffer | Readable;
  readonly filename?: string;
  readonly contentType?: string;
  readonly field?: string;
  /** null: no token at all; a string: that token. */
  readonly csrf?: string | null;
  readonly accountId?: string;
}

/** The photo form: multipart, its token in the hidden field as the page puts it there. */
async function upload(p: Parent, options: Upload) {
  const page = await get(p, settingsPath(p.accountId));
  const req = p.agent.post(settingsPath(options.accountId ?? p.accountId, 'billede')).set('Host', p.host);
  const csrf = options.csrf === undefined ? csrfTokenOf(page.text) : options.csrf;
  if (csrf !== null) void req.field('_csrf', csrf);
  if (options.file) {
    // superagent streams any Readable (chunked, no Content-Length); its types name only fs streams.
    const file = options.file instanceof Readable ? (options.file as unknown as ReadStream) : options.file;
    void req.attach(options.field ?? 'billede', file, {
      filename: options.filename ?? 'billede.jpg',
      contentType: options.contentType ?? 'image/jpeg',
    });
  } else if (csrf === null) void req.field('tom', '');
  return req;
}

const picture = (width = 1200, height = 900) =>
  sharp({ create: { width, height, channels: 3, background: '#2a6f97' } });
const jpegWithExif = () =>
  picture()
    .jpeg()
    .withExif({ IFD0: { Artist: 'Mette Sørensen', Copyright: 'Privat' } })
    .toBuffer();

// ---------------------------------------------------------------------------------------------
// Reading the page as a parent (and a screen reader) does.

function readable(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, ' '))
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function textOf(html: string, id: string): string | undefined {
  const element = new RegExp(`<(\\w+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return element === null ? undefined : readable(element[2]);
}

function tagOf(html: string, id: string): string {
  const tag = new RegExp(`<(?:input|select|button|fieldset)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!tag) throw new Error(`no field #${id}`);
  return tag[0];
}

function valueOf(html: string, id: string): string {
  return unescapeHtml(/\bvalue="([^"]*)"/.exec(tagOf(html, id))?.[1] ?? '');
}

/** The field's error: its text, tied to the input (aria-describedby, aria-invalid) and placed just before it. */
function errorBeside(html: string, field: string): string | undefined {
  const text = textOf(html, `${field}-error`);
  if (text === undefined) return undefined;
  const input = tagOf(html, field);
  expect(input).toMatch(new RegExp(`aria-describedby="[^"]*\\b${field}-error\\b`));
  expect(input).toContain('aria-invalid="true"');
  const errorAt = html.indexOf(`id="${field}-error"`);
  const inputAt = html.indexOf(input);
  expect(errorAt).toBeLessThan(inputAt);
  expect(html.slice(errorAt, inputAt)).not.toMatch(/<input\b|<\/div>/);
  return text;
}

/** Every error on the page, by id. */
function errorsOn(html: string): Record<string, string> {
  const found = [...html.matchAll(/<p class="form-error" id="([\w-]+)-error"[^>]*>([\s\S]*?)<\/p>/g)];
  return Object.fromEntries(found.map(([, id, text]) => [id, readable(text)]));
}

const redirectedTo = (res: { status: number; headers: Record<string, unknown> }) => {
  expect(res.status).toBe(303);
  return String(res.headers.location);
};

// ---------------------------------------------------------------------------------------------

describe('Brugeroplysninger at the school (Sct. Ibs)', () => {
  it('is reached from Mine konti by its link, with what the school offers and nothing else', async () => {
    const parent = await schoolParent({ name: 'Ida Indstilling' });
    const accounts = await get(parent, '/konti');
    expect(accounts.text).toContain(`href="${settingsPath(parent.accountId)}"`);

    const page = await get(parent, settingsPath(parent.accountId));
    expect(page.status).toBe(200);
    expect(textOf(page.text, 'settings-title')).toBe('Brugeroplysninger');
    expect(textOf(page.text, 'card-facts')).toBe(
      `Kortholder Ida Indstilling Kortnummer ${parent.cardNumber} Status Aktivt Saldo 100,00 kr.`,
    );
    expect(textOf(page.text, 'block-button')).toBe('Spær kort');
    for (const section of ['kort', 'kortnummer', 'max-forbrug', 'kontakt'])
      expect(page.text).toContain(`id="${section}"`);
    for (const section of ['enheder', 'billede']) expect(page.text).not.toContain(`id="${section}"`);
    // The seed says cPOS needs about 15 minutes; the page says the new card works at once.
    expect(readable(page.text)).toContain('Det nye kort virker ved kasserne med det samme');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('"Spær kort" blocks the card, the same button then says "Aktiver kort", and each change is audited', async () => {
    const parent = await schoolParent();
    const blocked = await post(parent, 'spaerring', { handling: 'spaer' });
    expect(redirectedTo(blocked)).toBe(`${settingsPath(parent.accountId)}?besked=spaerret#kort`);
    expect((await storedAccountSettings(portal.ds, parent.tenant, parent.accountId)).cards).toEqual([
      { cardNumber: parent.cardNumber, status: 'blocked' },
    ]);

    const page = await get(parent, String(blocked.headers.location));
    expect(textOf(page.text, 'settings-notice')).toBe('Kortet er spærret. Det afvises ved kasserne fra nu af.');
    expect(textOf(page.text, 'block-button')).toBe('Aktiver kort');
    expect(textOf(page.text, 'card-status')).toBe('Spærret');
    // Sct. Ibs takes deposits to a blocked account: the page does not say otherwise.
    expect(readable(page.text)).not.toContain('ikke indbetales');

    // The same post again (a double click, a stale tab) changes nothing.
    const again = await post(parent, 'spaerring', { handling: 'spaer' });
    expect(redirectedTo(again)).toBe(`${settingsPath(parent.accountId)}?besked=uaendret#kort`);

    const active = await post(parent, 'spaerring', { handling: 'aktiver' });
    expect(redirectedTo(active)).toBe(`${settingsPath(parent.accountId)}?besked=aktiveret#kort`);
    expect((await storedAccountSettings(portal.ds, parent.tenant, parent.accountId)).cards[0].status).toBe('active');

    const audit = await accountAuditEvents(portal.ds, parent.tenant, parent.accountId);
    expect(audit.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      {
        action: 'card_blocked',
        before: { cardNumber: parent.cardNumber, status: 'active' },
        after: { cardNumber: parent.cardNumber, status: 'blocked' },
      },
      {
        action: 'card_unblocked',
        before: { cardNumber: parent.cardNumber, status: 'blocked' },
        after: { cardNumber: parent.cardNumber, status: 'active' },
      },
    ]);
    for (const event of audit) {
      expect(event.loginId).toBe(parent.loginId);
      expect(event.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(Date.now() - event.createdAt.getTime()).toBeLessThan(60_000);
    }
  });

  it('refuses a block form the page did not send (400) and changes nothing', async () => {
    const parent = await schoolParent();
    for (const handling of ['', 'slet', 'SPAER']) {
      const res = await post(parent, 'spaerring', { handling });
      expect(res.status).toBe(400);
      expect(readable(res.text)).toContain('Formularen kunne ikke sendes');
    }
    expect((await storedAccountSettings(portal.ds, parent.tenant, parent.accountId)).cards[0].status).toBe('active');
    expect(await accountAuditEvents(portal.ds, parent.tenant, parent.accountId)).toEqual([]);
  });

  describe('"Kortnummer" → Gem', () => {
    it.each([
      ['', 'Skriv nummeret fra det nye kort'],
      ['   ', 'Skriv nummeret fra det nye kort'],
      ['123456789012345', 'Ugyldigt Kortnummer'],
      ['12345678901234567', 'Ugyldigt Kortnummer'],
      ['1234-5678-9012-3456', 'Ugyldigt Kortnummer'],
      ['abcdefghijklmnop', 'Ugyldigt Kortnummer'],
      ['<script>1</script>', 'Ugyldigt Kortnummer'],
    ])('refuses %j beside the field, keeps it typed, and changes nothing', async (typed, error) => {
      const parent = await schoolParent();
      const res = await post(parent, 'kortnummer', { cardNumber: typed });
      expect(res.status).toBe(422);
      expect(errorBeside(res.text, 'cardNumber')).toBe(error);
      expect(valueOf(res.text, 'cardNumber')).toBe(typed);
      expect(Object.keys(errorsOn(res.text))).toEqual(['cardNumber']);
      const stored = await storedAccountSettings(portal.ds, parent.tenant, parent.accountId);
      expect(stored.cards).toEqual([{ cardNumber: parent.cardNumber, status: 'active' }]);
      expect(await accountAuditEvents(portal.ds, parent.tenant, parent.accountId)).toEqual([]);
    });

    it("says so when the number is the account's own card already", async () => {
      const parent = await schoolParent();
      const res = await post(parent, 'kortnummer', { cardNumber: parent.cardNumber });
      expect(res.status).toBe(422);
      expect(errorBeside(res.text, 'cardNumber')).toBe(
        'Det er allerede kontoens kortnummer. Skriv nummeret fra det nye kort.',
      );
    });

    it("refuses another pupil's card number without saying whose, and an old card of the account's own", async () => {
      const parent = await schoolParent();
      const other = await createPerson(portal.ds, portal.emailTenant.slug, { name: 'Bente Blåbær' });
      const taken = await post(parent, 'kortnummer', { cardNumber: other.cardNumber });
      expect(taken.status).toBe(422);
      const message =
        'Kortnummeret kan ikke tilknyttes kontoen. Kontroller, at du har skrevet nummeret fra det nye kort rigtigt.';
      expect(errorBeside(taken.text, 'cardNumber')).toBe(message);
      expect(taken.text).not.toContain('Bente');
      expect(taken.text).not.toContain(other.accountId);
      expect((await storedAccountSettings(portal.ds, portal.emailTenant.slug, other.accountId)).cards).toEqual([
        { cardNumber: other.cardNumber, status: 'active' },
      ]);

      const fresh = uniqueCardNumber();
      redirectedTo(await post(parent, 'kortnummer', { cardNumber: fresh }));
      const old = await post(parent, 'kortnummer', { cardNumber: parent.cardNumber });
      expect(errorBeside(old.text, 'cardNumber')).toBe(message);
      expect((await storedAccountSettings(portal.ds, parent.tenant, parent.accountId)).cards).toEqual([
        { cardNumber: fresh, status: 'active' },
        { cardNumber: parent.cardNumber, status: 'replaced' },
      ]);
    });

    it('makes the new number the active card and the old one replaced, at once, and audits it', async () => {
      const parent = await schoolParent();
      const fresh = uniqueCardNumber();
      const spaced = fresh.replace(/(\d{4})/g, '$1 ').trim();
      const res = await post(parent, 'kortnummer', { cardNumber: spaced });
      expect(redirectedTo(res)).toBe(`${settingsPath(parent.accountId)}?besked=kortnummer#kortnummer`);
      expect((await storedAccountSettings(portal.ds, parent.tenant, parent.accountId)).cards).toEqual([
        { cardNumber: fresh, status: 'active' },
        { cardNumber: parent.cardNumber, status: 'replaced' },
      ]);
      const page = await get(parent, String(res.headers.location));
      expect(textOf(page.text, 'settings-notice')).toBe(
        'Kortnummeret er gemt. Det nye kort virker ved kasserne med det samme, og det gamle kort afvises.',
      );
      expect(textOf(page.text, 'card-number')).toBe(fresh);
      expect(valueOf(page.text, 'cardNumber')).toBe(fresh);
      const [event] = await accountAuditEvents(portal.ds, parent.tenant, parent.accountId);
      expect(event).toMatchObject({
        action: 'card_number_changed',
        loginId: parent.loginId,
        before: { cardNumber: parent.cardNumber, status: 'active' },
        after: { cardNumber: fresh, status: 'active' },
      });
    });

    it("gives a blocked card's account an active new card", async () => {
      const parent = await schoolParent({ cardStatus: 'blocked' });
      const fresh = uniqueCardNumber();
      redirectedTo(await post(parent, 'kortnummer', { cardNumber: fresh }));
      expect((await storedAccountSettings(portal.ds, parent.tenant, parent.accountId)).cards).toEqual([
        { cardNumber: fresh, status: 'active' },
        { cardNumber: parent.cardNumber, status: 'replaced' },
      ]);
    });

    it('stops a login that tries card numbers at speed: 10 lookups an hour, then 429', async () => {
      const parent = await schoolParent();
      const other = await createPerson(portal.ds, portal.emailTenant.slug);
      for (let i = 0; i < 10; i++) {
        expect((await post(parent, 'kortnummer', { cardNumber: other.cardNumber })).status).toBe(422);
      }
      // Format mistakes reveal nothing and cost nothing.
      expect((await post(parent, 'kortnummer', { cardNumber: '123' })).status).toBe(422);
      const stopped = await post(parent, 'kortnummer', { cardNumber: uniqueCardNumber() });
      expect(stopped.status).toBe(429);
      expect(errorBeside(stopped.text, 'cardNumber')).toBe('Du har prøvet for mange kortnumre. Prøv igen om en time.');
      expect((await storedAccountSettings(portal.ds, parent.tenant, parent.accountId)).cards).toHaveLength(1);
    });
  });

  describe('"Max forbrug"', () => {
    const limits = (daily: string, weekly = '', monthly = '') => ({ daily, weekly, monthly });

    it.each([
      [limits('60,50'), { 'limit-daily': 'Skriv beløbet i hele kroner, fx 60, eller lad feltet stå tomt' }],
      [limits('abc'), { 'limit-daily': 'Skriv beløbet i hele kroner, fx 60, eller lad feltet stå tomt' }],
      [limits('-5'), { 'limit-daily': 'Skriv beløbet i hele kroner, fx 60, eller lad feltet stå tomt' }],
      [limits('0'), { 'limit-daily': 'Skriv mindst 1 kr., eller lad feltet stå tomt for ingen grænse' }],
      [limits('', '100001'), { 'limit-weekly': 'Skriv højst 100.000 kr.' }],
      [limits('60', '50'), { 'limit-weekly': 'Ugens grænse kan ikke være mindre end dagens' }],
      [limits('', '300', '200'), { 'limit-monthly': 'Månedens grænse kan ikke være mindre end ugens' }],
      [limits('60', '', '59'), { 'limit-monthly': 'Månedens grænse kan ikke være mindre end dagens' }],
      [
        limits('x', '0', '9999999'),
        {
          'limit-daily': 'Skriv beløbet i hele kroner, fx 60, eller lad feltet stå tomt',
          'limit-weekly': 'Skriv mindst 1 kr., eller lad feltet stå tomt for ingen grænse',
          'limit-monthly': 'Skriv højst 100.000 kr.',
        },
      ],
    ])('refuses %j beside each field, keeps what was typed, and changes nothing', async (typed, errors) => {
      const parent = await schoolParent({ dailyLimit: 4000 });
      const res = await post(parent, 'graenser', typed);
      expect(res.status).toBe(422);
      for (const [field, error] of Object.entries(errors)) expect(errorBeside(res.text, field)).toBe(error);
      expect(errorsOn(res.text)).toEqual(errors);
      expect(valueOf(res.text, 'limit-daily')).toBe(typed.daily);
      expect(valueOf(res.text, 'limit-weekly')).toBe(typed.weekly);
      expect(valueOf(res.text, 'limit-monthly')).toBe(typed.monthly);
      const stored = await storedAccountSettings(portal.ds, parent.tenant, parent.accountId);
      expect([stored.dailyLimit, stored.weeklyLimit, stored.monthlyLimit]).toEqual([4000, null, null]);
      expect(await accountAuditEvents(portal.ds, parent.tenant, parent.accountId)).toEqual([]);
    });

    it('stores whole kroner as øre, empty as none, shows them again, and audits before and after', async () => {
      const parent = await schoolParent({ dailyLimit: 4000 });
      const res = await post(parent, 'graenser', limits('60', '250 kr.', '1.000'));
      expect(redirectedTo(res)).toBe(`${settingsPath(parent.accountId)}?besked=graenser#max-forbrug`);
      const stored = await storedAccountSettings(portal.ds, parent.tenant, parent.accountId);
      expect([stored.dailyLimit, stored.weeklyLimit, stored.monthlyLimit]).toEqual([6000, 25000, 100000]);
      const page = await get(parent, String(res.headers.location));
      expect(textOf(page.text, 'settings-notice')).toBe('Max forbrug er gemt og gælder ved kasserne med det samme.');
      expect(['limit-daily', 'limit-weekly', 'limit-monthly'].map((id) => valueOf(page.text, id))).toEqual([
        '60',
        '250',
        '1000',
      ]);

      redirectedTo(await post(parent, 'graenser', limits('')));
      const cleared = await storedAccountSettings(portal.ds, parent.tenant, parent.accountId);
      expect([cleared.dailyLimit, cleared.weeklyLimit, cleared.monthlyLimit]).toEqual([null, null, null]);
      const unchanged = await post(parent, 'graenser', limits(''));
      expect(redirectedTo(unchanged)).toContain('besked=uaendret');

      const audit = await accountAuditEvents(portal.ds, parent.tenant, parent.accountId);
      expect(audit.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
        {
          action: 'spending_limits_changed',
          before: { daily: 4000, weekly: null, monthly: null },
          after: { daily: 6000, weekly: 25000, monthly: 100000 },
        },
        {
          action: 'spending_limits_changed',
          before: { daily: 6000, weekly: 25000, monthly: 100000 },
          after: { daily: null, weekly: null, monthly: null },
        },
      ]);
    });
  });

  describe('"Adresse og kontakt"', () => {
    const contact = (fields: Partial<Record<'email' | 'street' | 'postalCode' | 'city', string>>) => ({
      email: '',
      street: '',
      postalCode: '',
      city: '',
      ...fields,
    });

    it.each([
      [
        contact({ email: 'mor@example' }),
        { 'contact-email': 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk, eller lad feltet stå tomt' },
      ],
      [
        contact({ street: 'Skolevej 12' }),
        { 'contact-postalCode': 'Skriv postnummeret', 'contact-city': 'Skriv byen' },
      ],
      [
        contact({ city: 'Søborg' }),
        { 'contact-street': 'Skriv vej og husnummer', 'contact-postalCode': 'Skriv postnummeret' },
      ],
      [
        contact({ street: 'Vej 1', postalCode: '286', city: 'Søborg' }),
        { 'contact-postalCode': 'Postnummeret skal være 4 cifre, fx 2860' },
      ],
      [
        contact({ street: '12', postalCode: '2860', city: 'Søborg' }),
        { 'contact-street': 'Skriv vejens navn og husnummer, fx Skolevej 12' },
      ],
      [
        contact({ street: 'V'.repeat(101), postalCode: '2860', city: 'Søborg' }),
        { 'contact-street': 'Adressen må højst være 100 tegn' },
      ],
      [
        contact({ street: 'Vej 1', postalCode: '2860', city: '2860 Søborg' }),
        { 'contact-city': 'Skriv byens navn uden postnummer, fx Søborg' },
      ],
    ])('refuses %j beside each field, keeps what was typed, and changes nothing', async (typed, errors) => {
      const parent = await schoolParent();
      const res = await post(parent, 'kontakt', typed);
      expect(res.status).toBe(422);
      for (const [field, error] of Object.entries(errors)) expect(errorBeside(res.text, field)).toBe(error);
      expect(errorsOn(res.text)).toEqual(errors);
      for (const field of ['email', 'street', 'postalCode', 'city'] as const) {
        expect(valueOf(res.text, `contact-${field}`)).toBe(typed[field]);
      }
      const stored = await storedAccountSettings(portal.ds, parent.tenant, parent.accountId);
      expect(stored).toMatchObject({
        contactEmail: null,
        addressStreet: null,
        addressPostalCode: null,
        addressCity: null,
      });
    });

    it('stores the address and e-mail, shows them again, and audits before and after', async () => {
      const parent = await schoolParent();
      const typed = contact({
        email: 'Mor@Example.dk',
        street: 'Skolevej 12, 1. tv',
        postalCode: '2860',
        city: 'Søborg',
      });
      const res = await post(parent, 'kontakt', typed);
      expect(redirectedTo(res)).toBe(`${settingsPath(parent.accountId)}?besked=kontakt#kontakt`);
      expect(await storedAccountSettings(portal.ds, parent.tenant, parent.accountId)).toMatchObject({
        contactEmail: 'mor@example.dk',
        addressStreet: 'Skolevej 12, 1. tv',
        addressPostalCode: '2860',
        addressCity: 'Søborg',
      });
      const page = await get(parent, String(res.headers.location));
      expect(valueOf(page.text, 'contact-email')).toBe('mor@example.dk');
      expect(valueOf(page.text, 'contact-street')).toBe('Skolevej 12, 1. tv');
      const [event] = await accountAuditEvents(portal.ds, parent.tenant, parent.accountId);
      expect(event).toMatchObject({
        action: 'contact_changed',
        before: { email: null, street: null, postalCode: null, city: null },
        after: { email: 'mor@example.dk', street: 'Skolevej 12, 1. tv', postalCode: '2860', city: 'Søborg' },
      });
    });
  });

  it('switches between the accounts the login may see, and refuses any other id in the switcher', async () => {
    const parent = await schoolParent({ name: 'Anna Andersen' });
    const sibling = await createPerson(portal.ds, portal.emailTenant.slug, { name: 'Bo Andersen' });
    await inTenant(portal.ds, parent.tenant, (tx) =>
      tx.query(`INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, 'relation')`, [
        parent.tenant,
        parent.loginId,
        sibling.cardholderId,
      ]),
    );
    const page = await get(parent, settingsPath(parent.accountId));
    expect(textOf(page.text, 'account-switch')).toBe(
      `Anna Andersen (${parent.cardNumber}) Bo Andersen (${sibling.cardNumber})`,
    );
    const switched = await get(parent, `/konti/oplysninger?konto=${sibling.accountId}`);
    expect(redirectedTo(switched)).toBe(settingsPath(sibling.accountId));
    expect(textOf((await get(parent, settingsPath(sibling.accountId))).text, 'card-facts')).toContain('Bo Andersen');
    for (const konto of ['', 'ikke-et-id', `${sibling.accountId}x`]) {
      expect((await get(parent, `/konti/oplysninger?konto=${encodeURIComponent(konto)}`)).status).toBe(404);
    }
  });

  it('has no units or photo at the school: those routes are not there (404)', async () => {
    const parent = await schoolParent();
    const unit = await createUnit(portal.ds, parent.tenant);
    expect((await post(parent, 'enheder', { enheder: unit })).status).toBe(404);
    expect((await upload(parent, { file: await picture().jpeg().toBuffer() })).status).toBe(404);
    // Refused by multer (not an image part, or too large) it is still not there.
    expect((await upload(parent, { file: Buffer.from('x'), field: 'andet' })).status).toBe(404);
    expect((await upload(parent, { file: Buffer.alloc(5 * 1024 * 1024 + 1, 1) })).status).toBe(404);
    expect((await post(parent, 'billede/slet', {})).status).toBe(404);
    expect((await get(parent, settingsPath(parent.accountId, 'billede'))).status).toBe(404);
    const stored = await storedAccountSettings(portal.ds, parent.tenant, parent.accountId);
    expect(stored).toMatchObject({ unitsRestricted: false, allowedUnits: [], photo: null });
  });
});

describe('Brugeroplysninger at the municipality (Gladsaxe)', () => {
  let mette: Parent;
  let units: { id: string; name: string }[];

  beforeAll(async () => {
    mette = await municipalityCitizen(SUB.metteSorensen);
    units = [];
    for (const name of ['Caféen', 'Kantinen', 'Svømmehallen']) {
      units.push({ id: await createUnit(portal.ds, portal.oidcTenant.slug, name), name });
    }
  });

  it('offers units, the photo and the address, and no card number change or limits', async () => {
    const page = await get(mette, settingsPath(mette.accountId));
    expect(page.status).toBe(200);
    for (const section of ['kort', 'enheder', 'billede', 'kontakt']) expect(page.text).toContain(`id="${section}"`);
    for (const section of ['kortnummer', 'max-forbrug']) expect(page.text).not.toContain(`id="${section}"`);
    // The seed: "Vær opmærksom på at der ikke kan indbetales til en spærret konto."
    expect(textOf(page.text, 'block-hint')).toContain('der ikke kan indbetales på en spærret konto');
    expect(readable(page.text)).toContain('Bestiller du et nyt kort, sendes det til adressen her.');
    for (const [form, fields] of [
      ['kortnummer', { cardNumber: 'GLX999999' }],
      ['graenser', { daily: '60', weekly: '', monthly: '' }],
    ] as const) {
      expect((await post(mette, form, fields)).status).toBe(404);
    }
    const stored = await storedAccountSettings(portal.ds, mette.tenant, mette.accountId);
    expect(stored).toMatchObject({ dailyLimit: null, cards: [{ cardNumber: mette.cardNumber, status: 'active' }] });
  });

  it('says, while the card is blocked, that no deposits can be made', async () => {
    const blocked = await post(mette, 'spaerring', { handling: 'spaer' });
    const page = await get(mette, redirectedTo(blocked));
    expect(textOf(page.text, 'card-blocked')).toBe(
      'Kortet er spærret og afvises ved kasserne. Der kan ikke indbetales på kontoen, mens kortet er spærret. Tryk Aktiver kort, før du indbetaler.',
    );
    redirectedTo(await post(mette, 'spaerring', { handling: 'aktiver' }));
    expect(textOf((await get(mette, settingsPath(mette.accountId))).text, 'card-blocked')).toBeUndefined();
  });

  describe('"Enheder"', () => {
    const tick = (...names: string[]) => ({ enheder: names.map((n) => units.find((u) => u.name === n)!.id) });
    const ids = (...names: string[]) => tick(...names).enheder.sort();

    it('ticks every unit while the card may pay everywhere, in Danish order', async () => {
      const page = await get(mette, settingsPath(mette.accountId));
      const boxes = [
        ...page.text.matchAll(/<input type="checkbox" id="(unit-\d+)" name="enheder" value="([^"]+)"( checked)?>/g),
      ];
      expect(boxes.map(([, , id, checked]) => [units.find((u) => u.id === id)?.name, Boolean(checked)])).toEqual([
        ['Caféen', true],
        ['Kantinen', true],
        ['Svømmehallen', true],
      ]);
      expect(textOf(page.text, 'units-summary')).toBe('Lige nu må kortet bruges i alle enheder.');
      expect(page.text).toContain('<legend>Gladsaxekortet må bruges i</legend>');
    });

    it.each([
      [{}, 'Sæt flueben ved mindst én enhed. Vil du stoppe kortet helt, så tryk Spær kort.'],
      [{ enheder: randomUUID() }, 'Vælg blandt enhederne på listen. Genindlæs siden, og prøv igen.'],
      [{ enheder: 'ikke-en-enhed' }, 'Vælg blandt enhederne på listen. Genindlæs siden, og prøv igen.'],
    ])('refuses %j beside the boxes and changes nothing', async (form, error) => {
      const res = await post(mette, 'enheder', form);
      expect(res.status).toBe(422);
      expect(textOf(res.text, 'units-error')).toBe(error);
      expect(tagOf(res.text, 'unit-0').length).toBeGreaterThan(0);
      expect(res.text).toMatch(/<fieldset class="field" aria-describedby="units-summary units-error">/);
      expect(await storedAccountSettings(portal.ds, mette.tenant, mette.accountId)).toMatchObject({
        unitsRestricted: false,
        allowedUnits: [],
      });
    });

    it('keeps the boxes as ticked when a box of another tenant was sent', async () => {
      const foreign = await createUnit(portal.ds, portal.emailTenant.slug);
      const page = await get(mette, settingsPath(mette.accountId));
      const sent = await mette.agent
        .post(settingsPath(mette.accountId, 'enheder'))
        .set('Host', municipality)
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrfTokenOf(page.text))}&enheder=${units[0].id}&enheder=${foreign}`);
      expect(sent.status).toBe(422);
      expect(textOf(sent.text, 'units-error')).toBe('Vælg blandt enhederne på listen. Genindlæs siden, og prøv igen.');
      expect(tagOf(sent.text, 'unit-0')).toContain('checked');
      expect(tagOf(sent.text, 'unit-1')).not.toContain('checked');
    });

    it('restricts the card to the ticked units, shows them, lifts it with all ticked, and audits each', async () => {
      const page = await get(mette, settingsPath(mette.accountId));
      const some = await mette.agent
        .post(settingsPath(mette.accountId, 'enheder'))
        .set('Host', municipality)
        .type('form')
        .send(
          `_csrf=${encodeURIComponent(csrfTokenOf(page.text))}&${ids('Kantinen', 'Caféen')
            .map((id) => `enheder=${id}`)
            .join('&')}`,
        );
      expect(redirectedTo(some)).toBe(`${settingsPath(mette.accountId)}?besked=enheder#enheder`);
      expect(await storedAccountSettings(portal.ds, mette.tenant, mette.accountId)).toMatchObject({
        unitsRestricted: true,
        allowedUnits: ids('Kantinen', 'Caféen'),
      });
      const shown = await get(mette, String(some.headers.location));
      expect(textOf(shown.text, 'units-summary')).toBe('Lige nu må kortet kun bruges i: Caféen, Kantinen.');
      expect(['unit-0', 'unit-1', 'unit-2'].map((id) => tagOf(shown.text, id).includes('checked'))).toEqual([
        true,
        true,
        false,
      ]);

      redirectedTo(await post(mette, 'enheder', { enheder: units[2].id }));
      expect((await storedAccountSettings(portal.ds, mette.tenant, mette.accountId)).allowedUnits).toEqual(
        ids('Svømmehallen'),
      );
      const all = await mette.agent
        .post(settingsPath(mette.accountId, 'enheder'))
        .set('Host', municipality)
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrfTokenOf(shown.text))}&${units.map((u) => `enheder=${u.id}`).join('&')}`);
      redirectedTo(all);
      expect(await storedAccountSettings(portal.ds, mette.tenant, mette.accountId)).toMatchObject({
        unitsRestricted: false,
        allowedUnits: [],
      });

      const audit = (await accountAuditEvents(portal.ds, mette.tenant, mette.accountId)).filter(
        (e) => e.action === 'allowed_units_changed',
      );
      expect(audit.map(({ before, after }) => ({ before, after }))).toEqual([
        {
          before: { everywhere: true, unitIds: [], units: [] },
          after: {
            everywhere: false,
            unitIds: ids('Kantinen', 'Caféen'),
            units: expect.arrayContaining(['Caféen', 'Kantinen']),
          },
        },
        {
          before: {
            everywhere: false,
            unitIds: ids('Kantinen', 'Caféen'),
            units: expect.arrayContaining(['Caféen', 'Kantinen']),
          },
          after: { everywhere: false, unitIds: ids('Svømmehallen'), units: ['Svømmehallen'] },
        },
        {
          before: { everywhere: false, unitIds: ids('Svømmehallen'), units: ['Svømmehallen'] },
          after: { everywhere: true, unitIds: [], units: [] },
        },
      ]);
    });
  });

  describe('"Billede"', () => {
    it("stores a re-encoded JPEG without the upload's EXIF, shows it, and serves it privately", async () => {
      const original = await jpegWithExif();
      const res = await upload(mette, { file: original, filename: 'mette.jpeg' });
      expect(redirectedTo(res)).toBe(`${settingsPath(mette.accountId)}?besked=billede#billede`);
      const stored = await storedPhoto(portal.ds, mette.tenant, mette.accountId);
      expect(stored).toBeDefined();
      const meta = await sharp(stored).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 600, height: 450 });
      expect(meta.exif).toBeUndefined();
      expect(stored!.includes(Buffer.from('Mette'))).toBe(false);

      const page = await get(mette, String(res.headers.location));
      expect(textOf(page.text, 'settings-notice')).toBe('Billedet er gemt.');
      const src = unescapeHtml(
        /<img class="settings__photo" src="([^"]+)" alt="Billede af Mette Sørensen"/.exec(page.text)?.[1] ?? '',
      );
      expect(src).toMatch(new RegExp(`^${settingsPath(mette.accountId, 'billede')}\\?v=[0-9a-f]{16}$`));
      const served = await get(mette, src).buffer(true);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.headers['cache-control']).toBe('no-store');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(served.body as Buffer, stored!)).toBe(0);

      const [event] = (await accountAuditEvents(portal.ds, mette.tenant, mette.accountId)).filter(
        (e) => e.action === 'photo_uploaded',
      );
      expect(event).toMatchObject({ before: { photo: null }, after: { width: 600, height: 450 } });
    });

    it('takes a PNG too, judged by its content whatever its name and type claim', async () => {
      const png = await picture(300, 400).png().toBuffer();
      redirectedTo(await upload(mette, { file: png, filename: 'billede.txt', contentType: 'text/plain' }));
      expect(await sharp(await storedPhoto(portal.ds, mette.tenant, mette.accountId)).metadata()).toMatchObject({
        format: 'jpeg',
        width: 300,
        height: 400,
      });
    });

    it.each([
      ['no file', {}, 'Vælg et billede', 422],
      [
        'a text file named .jpg',
        { file: Buffer.from('hej mor'), filename: 'mor.jpg' },
        'Filen er ikke et billede i JPEG- eller PNG-format.',
        422,
      ],
      [
        'HTML sent as image/png',
        { file: Buffer.from('<html><script>alert(1)</script>'), contentType: 'image/png' },
        'Filen er ikke et billede i JPEG- eller PNG-format.',
        422,
      ],
      [
        'a GIF',
        { file: Buffer.from('GIF89a...'), filename: 'x.gif', contentType: 'image/gif' },
        'Filen er ikke et billede i JPEG- eller PNG-format.',
        422,
      ],
      [
        'a broken JPEG',
        { file: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]) },
        'Billedet kan ikke læses. Prøv med et andet billede.',
        422,
      ],
      [
        'a file in another field',
        { file: Buffer.from([0xff, 0xd8, 0xff]), field: 'fil' },
        'Billedet kan ikke læses. Prøv med et andet billede.',
        400,
      ],
    ] as const)(
      'refuses %s beside the field and keeps the stored photo',
      async (_what, options: Upload, error, status) => {
        const before = await storedPhoto(portal.ds, mette.tenant, mette.accountId);
        const res = await upload(mette, options);
        expect(res.status).toBe(status);
        expect(errorBeside(res.text, 'photo')).toBe(error);
        expect(await storedPhoto(portal.ds, mette.tenant, mette.accountId)).toEqual(before);
      },
    );

    it('refuses 50 MB early with a Danish error, not a 500, and more than 5 MB sent without a length too', async () => {
      const started = Date.now();
      const big = await upload(mette, { file: Buffer.alloc(50 * 1024 * 1024) });
      expect(big.status).toBe(413);
      expect(errorBeside(big.text, 'photo')).toBe('Billedet er for stort. Vælg et billede på højst 5 MB.');
      expect(Date.now() - started).toBeLessThan(10_000);
      // A stream has no Content-Length (chunked): multer stops at the first byte over 5 MB.
      const chunked = await upload(mette, { file: Readable.from([Buffer.alloc(5 * 1024 * 1024 + 1)]) });
      expect(chunked.status).toBe(413);
      expect(errorBeside(chunked.text, 'photo')).toBe('Billedet er for stort. Vælg et billede på højst 5 MB.');
    });

    it('removes the photo, after which it is not served, and audits it', async () => {
      redirectedTo(await upload(mette, { file: await picture().jpeg().toBuffer() }));
      const removed = await post(mette, 'billede/slet', {});
      expect(redirectedTo(removed)).toBe(`${settingsPath(mette.accountId)}?besked=billede-fjernet#billede`);
      expect(await storedPhoto(portal.ds, mette.tenant, mette.accountId)).toBeUndefined();
      expect((await get(mette, settingsPath(mette.accountId, 'billede'))).status).toBe(404);
      const page = await get(mette, String(removed.headers.location));
      expect(textOf(page.text, 'photo-none')).toBe('Der er ikke noget billede på kontoen.');
      expect(redirectedTo(await post(mette, 'billede/slet', {}))).toContain('besked=uaendret');
      const audit = await accountAuditEvents(portal.ds, mette.tenant, mette.accountId);
      expect(audit.at(-1)).toMatchObject({ action: 'photo_removed', after: { photo: null } });
    });
  });
});

describe('an account the login may not see, a guessed id, no uuid: 404 on every route, nothing changed', () => {
  let owner: Parent & TestLogin;
  let stranger: Parent;
  let citizenOwner: Parent;
  let citizenStranger: Parent;

  beforeAll(async () => {
    owner = await schoolParent({ dailyLimit: 5000 });
    stranger = await schoolParent();
    citizenOwner = await municipalityCitizen(SUB.larsPedersen);
    citizenStranger = await municipalityCitizen(SUB.hanneChristensen);
    redirectedTo(await upload(citizenOwner, { file: await picture().jpeg().toBuffer() }));
  });

  const snapshot = async (p: Parent) => ({
    settings: await storedAccountSettings(portal.ds, p.tenant, p.accountId),
    audit: (await accountAuditEvents(portal.ds, p.tenant, p.accountId)).length,
    photo: (await storedPhoto(portal.ds, p.tenant, p.accountId))?.toString('base64') ?? null,
  });

  const ROUTES: [string, (p: Parent, target: Parent, accountId: string) => Promise<{ status: number }>][] = [
    ['GET the page', (p, _t, id) => get(p, settingsPath(id))],
    ['POST spaerring', (p, _t, id) => post(p, 'spaerring', { handling: 'spaer' }, id)],
    ['POST kortnummer', (p, _t, id) => post(p, 'kortnummer', { cardNumber: uniqueCardNumber() }, id)],
    ['POST graenser', (p, _t, id) => post(p, 'graenser', { daily: '10', weekly: '', monthly: '' }, id)],
    [
      'POST kontakt',
      (p, _t, id) => post(p, 'kontakt', { email: 'x@example.dk', street: '', postalCode: '', city: '' }, id),
    ],
    ['POST enheder', (p, _t, id) => post(p, 'enheder', { enheder: randomUUID() }, id)],
    ['POST billede', async (p, _t, id) => upload(p, { file: await picture().jpeg().toBuffer(), accountId: id })],
    ['POST billede/slet', (p, _t, id) => post(p, 'billede/slet', {}, id)],
    ['GET billede', (p, _t, id) => get(p, settingsPath(id, 'billede'))],
  ];

  it.each(ROUTES)("%s of another login's account (school and municipality) answers 404", async (_route, send) => {
    for (const [attacker, target] of [
      [stranger, owner],
      [citizenStranger, citizenOwner],
    ] as const) {
      const before = await snapshot(target);
      const res = await send(attacker, target, target.accountId);
      expect(res.status).toBe(404);
      expect(await snapshot(target)).toEqual(before);
    }
  });

  it.each(ROUTES)('%s of a guessed id or of no uuid at all answers 404', async (_route, send) => {
    for (const id of [randomUUID(), 'ikke-et-id', '1', `${owner.accountId}'--`]) {
      const res = await send(stranger, owner, encodeURIComponent(id));
      expect(res.status).toBe(404);
    }
    expect(await accountAuditEvents(portal.ds, stranger.tenant, stranger.accountId)).toEqual([]);
  });

  it("does not serve another tenant's account, not even to a login of that tenant on the wrong host", async () => {
    const res = await owner.agent.get(settingsPath(citizenOwner.accountId)).set('Host', school);
    expect(res.status).toBe(404);
  });
});

describe('a form without its CSRF token is refused and changes nothing', () => {
  it.each([
    ['spaerring', { handling: 'spaer' }],
    ['kortnummer', { cardNumber: '' }],
    ['graenser', { daily: '10', weekly: '', monthly: '' }],
    ['kontakt', { email: 'x@example.dk', street: '', postalCode: '', city: '' }],
  ])('POST %s without a token: 403', async (form, fields) => {
    const parent = await schoolParent();
    if (form === 'kortnummer') fields = { cardNumber: uniqueCardNumber() };
    const before = await storedAccountSettings(portal.ds, parent.tenant, parent.accountId);
    for (const token of [undefined, 'forfalsket']) {
      const res = await parent.agent
        .post(settingsPath(parent.accountId, form))
        .set('Host', school)
        .type('form')
        .send(token ? { ...fields, _csrf: token } : fields);
      expect(res.status).toBe(403);
      expect(readable(res.text)).toContain('Siden var udløbet. Prøv igen.');
    }
    expect(await storedAccountSettings(portal.ds, parent.tenant, parent.accountId)).toEqual(before);
    expect(await accountAuditEvents(portal.ds, parent.tenant, parent.accountId)).toEqual([]);
  });

  it("the multipart photo form without a token, or with another session's: 403, nothing stored", async () => {
    const hanne = await municipalityCitizen(SUB.nyBorger);
    const otherSession = csrfTokenOf((await bed.agent().get('/login').set('Host', school)).text);
    for (const csrf of [null, 'forfalsket', otherSession]) {
      const res = await upload(hanne, { file: await picture().jpeg().toBuffer(), csrf });
      expect(res.status).toBe(403);
      expect(readable(res.text)).toContain('Siden var udløbet. Prøv igen.');
    }
    expect(await storedPhoto(portal.ds, hanne.tenant, hanne.accountId)).toBeUndefined();
    expect((await post(hanne, 'billede/slet', {}, hanne.accountId)).status).toBe(303);
    const noToken = await hanne.agent
      .post(settingsPath(hanne.accountId, 'billede/slet'))
      .set('Host', municipality)
      .type('form')
      .send({});
    expect(noToken.status).toBe(403);
  });
});
