import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { freePort } from '@kk/database';
import { createPerson, createUnit, storedAccountSettings, uniqueCardNumber } from '@kk/testing';
import { spawnIdpSim, type SpawnedIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { TEST_CITIZEN_SUBS } from '../../apps/idp-sim/src/test-citizens';
import { citizen } from '../web/mitid-test-login';
import { createEmailLogin, startPortalTestApp, type PortalTestApp } from '../web/portal-test-app';
import {
  expectNoAxeViolations,
  launchBrowser,
  PHONE,
  screenshot,
  type BrowserSession,
  signInWithEmail,
} from '../support/browser';

jest.setTimeout(120_000);

const METTE = citizen(TEST_CITIZEN_SUBS.metteSorensen);

/**
 * "Brugeroplysninger" on a phone, on both demo-like tenants, as the seeds tell it: Mine konti →
 * "Brugeroplysninger" ud for kontoen → "Spær kort" / "Aktiver kort", and what the tenant offers
 * (Sct. Ibs: "Kortnummer" → Gem and "Max forbrug"; Gladsaxe: the units and a photo). Axe checks
 * every state of the page: as first shown, with a confirmation, and with errors beside fields.
 * Screenshots go to SCREENSHOT_DIR (e.g. /tmp) as account-settings-*.png.
 */
describe('Brugeroplysninger in Chromium (e2e)', () => {
  let idp: SpawnedIdpSim;
  let portal: PortalTestApp;
  let session: BrowserSession;
  let school: string;
  let municipality: string;

  beforeAll(async () => {
    const issuer = `http://localhost:${await freePort()}`;
    const clientSecret = `test-secret-${randomBytes(8).toString('hex')}`;
    portal = await startPortalTestApp({ oidc: { issuer, clientSecret } });
    await portal.listen();
    school = portal.origin(portal.emailTenant.hosts[0]);
    municipality = portal.origin(portal.oidcTenant.hosts[0]);
    idp = await spawnIdpSim({
      port: Number(new URL(issuer).port),
      clientSecret,
      redirectUris: [`${municipality}/auth/oidc/callback`],
    });
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await idp?.stop();
    await portal?.close();
  });

  /** What a parent sees and a screen reader reads, checked by axe, saved as a screenshot. */
  async function check(page: Page, label: string, shot: string): Promise<void> {
    await expectNoAxeViolations(page, label);
    await screenshot(page, `account-settings-${shot}`);
    // Nothing wider than the phone: a parent never scrolls sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
  }

  const notice = (page: Page) => page.textContent('#settings-notice');

  async function openSettings(page: Page, origin: string): Promise<void> {
    await page.click('.account-actions a:text-is("Brugeroplysninger")');
    await page.waitForURL(new RegExp(`^${origin}/konti/[0-9a-f-]{36}/oplysninger$`));
    expect(await page.textContent('h1')).toBe('Brugeroplysninger');
  }

  it('a parent at the school blocks and unblocks the card, sets a limit and links a new card', async () => {
    const parent = await createEmailLogin(portal.ds, portal.emailTenant.slug, {
      name: 'Ida Indstilling',
      balance: 5_000,
    });
    const page = await session.newPage(PHONE);
    await signInWithEmail(page, school, parent);
    await expectNoAxeViolations(page, 'Mine konti');

    await openSettings(page, school);
    expect(await page.textContent('#card-number')).toBe(parent.cardNumber);
    await check(page, 'Brugeroplysninger', 'school');

    // "Spær kort": the same button then reads "Aktiver kort".
    await page.click('#block-button');
    await page.waitForURL(/besked=spaerret/);
    expect(await notice(page)).toBe('Kortet er spærret. Det afvises ved kasserne fra nu af.');
    expect(await page.textContent('#block-button')).toBe('Aktiver kort');
    expect(await page.textContent('#card-status')).toBe('Spærret');
    await check(page, 'Brugeroplysninger with the card blocked', 'school-blocked');
    await page.click('#block-button');
    await page.waitForURL(/besked=aktiveret/);
    expect(await page.textContent('#block-button')).toBe('Spær kort');

    // "Max forbrug": a slip first, then a daily limit of 60 kr.
    await page.fill('#limit-daily', '60,50');
    await page.click('#max-forbrug button[type=submit]');
    await page.waitForSelector('#limit-daily-error');
    expect(await page.textContent('#limit-daily-error')).toBe(
      'Skriv beløbet i hele kroner, fx 60, eller lad feltet stå tomt',
    );
    expect(await page.inputValue('#limit-daily')).toBe('60,50');
    await check(page, 'Max forbrug with an error', 'school-limit-error');
    await page.fill('#limit-daily', '60');
    await page.click('#max-forbrug button[type=submit]');
    await page.waitForURL(/besked=graenser/);
    expect(await page.inputValue('#limit-daily')).toBe('60');
    await check(page, 'Max forbrug saved', 'school-limit-saved');

    // "Kortnummer" → Gem: 15 digits are "Ugyldigt Kortnummer"; the new card's 16 work at once.
    await page.fill('#cardNumber', '123456789012345');
    await page.click('#kortnummer button[type=submit]');
    await page.waitForSelector('#cardNumber-error');
    expect(await page.textContent('#cardNumber-error')).toBe('Ugyldigt Kortnummer');
    await check(page, 'Kortnummer with an error', 'school-card-error');
    const fresh = uniqueCardNumber();
    await page.fill('#cardNumber', fresh);
    await page.click('#kortnummer button[type=submit]');
    await page.waitForURL(/besked=kortnummer/);
    expect(await notice(page)).toBe(
      'Kortnummeret er gemt. Det nye kort virker ved kasserne med det samme, og det gamle kort afvises.',
    );
    expect(await page.textContent('#card-number')).toBe(fresh);
    await check(page, 'Kortnummer saved', 'school-card-saved');

    // "Adresse og kontakt": half an address names what is missing.
    await page.fill('#contact-street', 'Skolevej 12');
    await page.click('#kontakt button[type=submit]');
    await page.waitForSelector('#contact-postalCode-error');
    expect(await page.inputValue('#contact-street')).toBe('Skolevej 12');
    await check(page, 'Adresse og kontakt with errors', 'school-contact-error');

    expect(await storedAccountSettings(portal.ds, portal.emailTenant.slug, parent.accountId)).toMatchObject({
      dailyLimit: 6000,
      cards: [
        { cardNumber: fresh, status: 'active' },
        { cardNumber: parent.cardNumber, status: 'replaced' },
      ],
    });

    await page.click('a:text("Tilbage til Mine konti")');
    await page.waitForURL(`${school}/konti`);
    expect(await page.textContent('.account')).toContain(fresh);

    // In English too, without WCAG violations (the header's language link, as a parent clicks it).
    await Promise.all([
      page.waitForResponse((response) => new URL(response.url()).pathname === '/sprog'),
      page.click('a:text-is("English")'),
    ]);
    await page.goto(`${school}/konti/${parent.accountId}/oplysninger`);
    expect(await page.textContent('h1')).toBe('User details');
    expect(await page.textContent('#block-button')).toBe('Block card');
    await check(page, 'User details (English)', 'school-en');
  });

  it('a citizen of the municipality signs in with MitID, blocks the card, picks units and uploads a photo', async () => {
    const tenant = portal.oidcTenant.slug;
    for (const name of ['Caféen', 'Kantinen', 'Svømmehallen']) await createUnit(portal.ds, tenant, name);
    const person = await createPerson(portal.ds, tenant, {
      cpr: METTE.cpr,
      name: METTE.name,
      cardNumber: `GLX${uniqueCardNumber().slice(0, 12)}`,
    });
    const page = await session.newPage(PHONE);
    await page.goto(`${municipality}/`);
    await page.click('text=Log på med MitID');
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.click(`button[name=citizen][value="${TEST_CITIZEN_SUBS.metteSorensen}"]`);
    await page.waitForURL(`${municipality}/auth/oidc/cpr`);
    await page.fill('#cpr', METTE.cpr!);
    await page.click('button[type=submit]');
    await page.waitForURL(`${municipality}/konti`);

    await openSettings(page, municipality);
    expect(await page.isVisible('#kortnummer')).toBe(false);
    expect(await page.isVisible('#max-forbrug')).toBe(false);
    await check(page, 'Brugeroplysninger at the municipality', 'municipality');

    // Gladsaxe refuses deposits to a blocked account, and the page says so while it is blocked.
    await page.click('#block-button');
    await page.waitForURL(/besked=spaerret/);
    expect(await page.textContent('#card-blocked')).toContain('Der kan ikke indbetales på kontoen');
    await check(page, 'Brugeroplysninger with the card blocked (municipality)', 'municipality-blocked');
    await page.click('#block-button');
    await page.waitForURL(/besked=aktiveret/);

    // "Enheder": all ticked means everywhere; none is refused; the card may pay in the canteen only.
    for (const box of ['#unit-0', '#unit-1', '#unit-2']) expect(await page.isChecked(box)).toBe(true);
    for (const box of ['#unit-0', '#unit-1', '#unit-2']) await page.uncheck(box);
    await page.click('#enheder button[type=submit]');
    await page.waitForSelector('#units-error');
    expect(await page.textContent('#units-error')).toBe(
      'Sæt flueben ved mindst én enhed. Vil du stoppe kortet helt, så tryk Spær kort.',
    );
    await check(page, 'Enheder with an error', 'municipality-units-error');
    await page.check('label:text-is("Kantinen")');
    await page.click('#enheder button[type=submit]');
    await page.waitForURL(/besked=enheder/);
    expect(await page.textContent('#units-summary')).toBe('Lige nu må kortet kun bruges i: Kantinen.');
    await check(page, 'Enheder saved', 'municipality-units-saved');

    // "Billede": a text file named .jpg is refused by its content; a real photo is stored and shown.
    await page.setInputFiles('#photo', {
      name: 'mette.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('ikke et billede'),
    });
    await page.click('#billede button[type=submit]:text-is("Gem")');
    await page.waitForSelector('#photo-error');
    expect(await page.textContent('#photo-error')).toBe('Filen er ikke et billede i JPEG- eller PNG-format.');
    await check(page, 'Billede with an error', 'municipality-photo-error');
    const photo = await sharp({ create: { width: 900, height: 1200, channels: 3, background: '#c0392b' } })
      .jpeg()
      .toBuffer();
    await page.setInputFiles('#photo', { name: 'mette.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.click('#billede button[type=submit]:text-is("Gem")');
    await page.waitForURL(/besked=billede/);
    expect(await notice(page)).toBe('Billedet er gemt.');
    const shown = page.locator('img.settings__photo');
    expect(await shown.getAttribute('alt')).toBe(`Billede af ${METTE.name}`);
    // The page's own link serves it: decoded by the browser, 450 × 600 (fitted in 600 × 600).
    const size = await shown.evaluate(async (element) => {
      const img = element as unknown as { decode(): Promise<void>; naturalWidth: number; naturalHeight: number };
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
    expect(size).toEqual([450, 600]);
    await check(page, 'Brugeroplysninger with a photo', 'municipality-photo');

    expect(await storedAccountSettings(portal.ds, tenant, person.accountId)).toMatchObject({
      unitsRestricted: true,
      allowedUnits: [expect.any(String)],
      cards: [{ status: 'active' }],
      photo: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
