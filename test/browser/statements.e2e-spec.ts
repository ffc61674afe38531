import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { freePort } from '@kk/database';
import {
  backdatedCashDeposit,
  clockedTill,
  createPerson,
  oreOf,
  parseCsv,
  pdfText,
  uniqueCardNumber,
  type TestLogin,
} from '@kk/testing';
import { spawnIdpSim, type SpawnedIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { TEST_CITIZEN_SUBS } from '../../apps/idp-sim/src/test-citizens';
import { citizen } from '../web/mitid-test-login';
import { createEmailLogin, startPortalTestApp, type PortalTestApp } from '../web/portal-test-app';
import {
  expectNoAxeViolations,
  launchBrowser,
  PHONE,
  PHONE_VIEWPORT,
  screenshot,
  type BrowserSession,
  signInWithEmail,
} from '../support/browser';

jest.setTimeout(120_000);

const HANNE = citizen(TEST_CITIZEN_SUBS.hanneChristensen);
const ZONE = 'Europe/Copenhagen';
const today = () => DateTime.now().setZone(ZONE).startOf('day');
const at = (daysAgo: number, hour: number) => today().minus({ days: daysAgo }).set({ hour }).toJSDate();
/** The page's globals these checks use (tsconfig has no DOM lib). */
interface Browser {
  readonly document: { readonly documentElement: { readonly scrollWidth: number } };
  getComputedStyle(element: unknown, pseudo?: string): { readonly display: string; readonly content: string };
}

const plain = (text: string | null) =>
  (text ?? '')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * "Sådan ser du hvad der er forbrugt på kantinekortet" (both seeds), on a phone: Mine konti →
 * "Kontoudskrift" (Sct. Ibs) or "Rapporter" (Gladsaxe) → start and end date → "Vis Rapport" →
 * the statement, then "Hent CSV" and "Hent PDF", each file read back and checked against the
 * page. Axe checks every page. Screenshots go to SCREENSHOT_DIR (e.g. /tmp) as statement-*.png.
 */
describe('the statement in Chromium (e2e)', () => {
  let portal: PortalTestApp;
  let idp: SpawnedIdpSim;
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

  /** 300 kr. paid in 20 days ago, then three lunches at the canteen and one reversed. */
  async function history(tenantId: string, accountId: string, cardNumber: string): Promise<void> {
    const till = await clockedTill(portal.ds, tenantId, { unitName: `Kantinen ${randomBytes(2).toString('hex')}` });
    await backdatedCashDeposit(portal.ds, tenantId, accountId, 30_000, at(20, 9));
    for (const [daysAgo, amount] of [
      [12, 3_500],
      [8, 4_250],
      [3, 2_800],
    ]) {
      expect((await till.buy(cardNumber, amount, at(daysAgo, 12))).status).toBe('approved');
    }
    const cocoa = await till.buy(cardNumber, 1_500, at(2, 10), 'Kakao');
    expect((await till.reverse(cocoa.id, at(2, 11))).kind).toBe('reversed');
  }

  /** From Mine konti by its link, the period typed, "Vis Rapport", checked as a parent reads it on a phone. */
  async function showStatement(page: Page, origin: string, tab: string, shot: string): Promise<void> {
    await page.click(`.account-actions a:text-is("${tab}")`);
    await page.waitForURL(/\/konti\/[0-9a-f-]+\/kontoudskrift$/);
    expect(await page.textContent('h1')).toBe(tab);
    await expectNoAxeViolations(page, `${tab}: the form`);
    await screenshot(page, `${shot}-form`);

    // A start in the future first, as fingers slip: the error beside the field, the date kept.
    const tomorrow = today().plus({ days: 1 }).toISODate()!;
    await page.fill('#fra', tomorrow);
    await page.click(`button:text-is("Vis Rapport")`);
    await page.waitForSelector('#fra-error');
    expect(await page.textContent('#fra-error')).toBe('Startdatoen ligger i fremtiden. Vælg i dag eller en dag før');
    expect(await page.inputValue('#fra')).toBe(tomorrow);
    await expectNoAxeViolations(page, `${tab} with an error`);
    await screenshot(page, `${shot}-error`);

    await page.fill('#fra', today().minus({ days: 30 }).toISODate()!);
    await page.fill('#til', today().toISODate()!);
    await page.click(`button:text-is("Vis Rapport")`);
    await page.waitForSelector('#movements');
    expect(new URL(page.url()).origin).toBe(origin);
    expect(new URL(page.url()).searchParams.get('fra')).toBe(today().minus({ days: 30 }).toISODate());
    expect(plain(await page.textContent('#opening-balance'))).toBe('0,00 kr.');
    expect(plain(await page.textContent('#closing-balance'))).toBe(expectedClosing);
    await expectNoAxeViolations(page, `${tab}: the statement`);
    await screenshot(page, `${shot}-statement`);

    // On a 375 px phone nothing needs sideways scrolling, and each movement is a block of three
    // lines: when and amount side by side, then text and type, then place and the balance after.
    const scrollWidth = await page.evaluate(
      () => (globalThis as unknown as Browser).document.documentElement.scrollWidth,
    );
    expect(scrollWidth).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    const firstRow = page.locator('tr[data-row="movement"]').first();
    expect(await firstRow.evaluate((row) => (globalThis as unknown as Browser).getComputedStyle(row).display)).toBe(
      'grid',
    );
    const cells = firstRow.locator('td');
    const top = async (i: number) => (await cells.nth(i).boundingBox())!.y;
    expect(await top(4)).toBe(await top(0));
    expect(await top(3)).toBe(await top(2));
    expect(await top(5)).toBe(await top(1));
    expect(await top(2)).toBeGreaterThan(await top(0));
    expect(await top(1)).toBeGreaterThan(await top(2));
    const label = await cells
      .nth(5)
      .evaluate((cell) => (globalThis as unknown as Browser).getComputedStyle(cell, '::before').content);
    expect(label).toBe('"Saldo "');
  }

  const expectedClosing = '194,50 kr.';
  // 300,00 − 35,00 − 42,50 − 28,00 − 15,00 + 15,00 = 194,50
  const expectedRows = [
    ['Kontant indbetaling', '300,00 kr.', '300,00 kr.'],
    ['Frokost', '-35,00 kr.', '265,00 kr.'],
    ['Frokost', '-42,50 kr.', '222,50 kr.'],
    ['Frokost', '-28,00 kr.', '194,50 kr.'],
    ['Kakao', '-15,00 kr.', '179,50 kr.'],
    ['Kakao', '15,00 kr.', '194,50 kr.'],
  ];

  /** Each row of a table as its cells' text, no-break spaces plain. */
  async function rowsOf(page: Page, rows: string, cells: string): Promise<string[][]> {
    const found = page.locator(rows);
    const texts: string[][] = [];
    for (let i = 0; i < (await found.count()); i += 1) {
      texts.push((await found.nth(i).locator(cells).allTextContents()).map((text) => plain(text)));
    }
    return texts;
  }

  /** "Hent CSV" and "Hent PDF": each download saved, parsed and compared with the page. */
  async function checkDownloads(page: Page, title: string, shot: string): Promise<void> {
    const rows = await rowsOf(page, 'tr[data-row="movement"]', 'td');
    expect(rows.map((row) => [row[2], row[4], row[5]])).toEqual(expectedRows);
    const totals = await rowsOf(page, '#totals tr', 'th, td');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    expect(csvDownload.suggestedFilename()).toMatch(
      new RegExp(`^${title.toLowerCase()}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const csv = parseCsv(await readFile(await csvDownload.path()));
    expect(csv.bom).toBe(true);
    expect(csv.rows[0].slice(0, 1)).toEqual([title]);
    const header = csv.rows.findIndex((row) => row[0] === 'Dato');
    const csvRows = csv.rows.slice(header + 2, header + 2 + rows.length);
    expect(csvRows.map((row) => [row[3], oreOf(row[5]), oreOf(row[6])])).toEqual(
      rows.map((row) => [row[2], oreOf(row[4]), oreOf(row[5])]),
    );
    const csvTotals = csv.rows.slice(csv.rows.findIndex((row) => row[0] === 'I alt fordelt på type') + 1);
    expect(csvTotals.map((row) => [row[0], oreOf(row[5])])).toEqual(
      totals.map(([label, amount]) => [label, oreOf(amount)]),
    );

    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')]);
    expect(pdfDownload.suggestedFilename()).toMatch(new RegExp(`^${title.toLowerCase()}-.*\\.pdf$`));
    const pages = (await pdfText(await readFile(await pdfDownload.path()))).map((text) => text.replace(/\u00a0/g, ' '));
    expect(pages[0]).toContain(title);
    expect(pages[0]).toContain(`Side 1 af ${pages.length}`);
    const lastPage = pages[pages.length - 1];
    for (const [label, amount] of totals)
      expect(lastPage).toMatch(new RegExp(`${label}\\s+${amount.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await screenshot(page, `${shot}-after-downloads`);
  }

  it('a parent at the school reads Kontoudskrift on a phone and downloads it as CSV and PDF', async () => {
    const parent: TestLogin = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Ida Udskrift' });
    await history(portal.emailTenant.slug, parent.accountId, parent.cardNumber);
    const page = await session.newPage({ ...PHONE, acceptDownloads: true });
    await signInWithEmail(page, school, parent);
    await expectNoAxeViolations(page, 'Mine konti');

    await showStatement(page, school, 'Kontoudskrift', 'statement-school');
    await checkDownloads(page, 'Kontoudskrift', 'statement-school');
  });

  it('a citizen of the municipality signs in with MitID, reads Rapporter and downloads both files', async () => {
    const person = await createPerson(portal.ds, portal.oidcTenant.slug, {
      cpr: HANNE.cpr,
      name: HANNE.name,
      cardNumber: `GLX${uniqueCardNumber().slice(0, 12)}`,
    });
    await history(portal.oidcTenant.slug, person.accountId, person.cardNumber);
    const page = await session.newPage({ ...PHONE, acceptDownloads: true });
    await page.goto(`${municipality}/`);
    await page.click('text=Log på med MitID');
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.click(`button[name=citizen][value="${TEST_CITIZEN_SUBS.hanneChristensen}"]`);
    await page.waitForURL(`${municipality}/auth/oidc/cpr`);
    await page.fill('#cpr', HANNE.cpr!);
    await page.click('button[type=submit]');
    await page.waitForURL(`${municipality}/konti`);
    await expectNoAxeViolations(page, 'Mine konti at the municipality');

    await showStatement(page, municipality, 'Rapporter', 'statement-municipality');
    await checkDownloads(page, 'Rapporter', 'statement-municipality');
  });

  it('a parent pages through a long period on a phone, the balance carried from page to page', async () => {
    const parent: TestLogin = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Ida Sider' });
    // 150 kr. paid in 25 days ago, then 140 purchases of 1 kr.: pages of 100 and 41.
    const till = await clockedTill(portal.ds, portal.emailTenant.slug, { unitName: 'Kantinen' });
    await backdatedCashDeposit(portal.ds, portal.emailTenant.slug, parent.accountId, 15_000, at(25, 9));
    for (let i = 0; i < 140; i += 1) {
      const when = new Date(at(20, 8).getTime() + i * 60_000);
      expect((await till.buy(parent.cardNumber, 100, when)).status).toBe('approved');
    }
    const page = await session.newPage(PHONE);
    await signInWithEmail(page, school, parent);
    await page.click('.account-actions a:text-is("Kontoudskrift")');
    await page.fill('#fra', today().minus({ days: 30 }).toISODate()!);
    await page.fill('#til', today().toISODate()!);
    await page.click('button:text-is("Vis Rapport")');
    await page.waitForSelector('#statement-pages');
    expect(await page.locator('tr[data-row="movement"]').count()).toBe(100);
    expect(plain(await page.textContent('#statement-pages p'))).toBe('Side 1 af 2');
    const carriedOut = plain(await page.textContent('tr[data-row="carried-out"] td.num'));
    expect(carriedOut).toBe('51,00 kr.');
    await expectNoAxeViolations(page, 'the statement, page 1 of 2');
    await screenshot(page, 'statement-page-1');

    await page.click('#statement-pages a:text-is("Næste side")');
    await page.waitForURL(/side=2/);
    expect(await page.locator('tr[data-row="movement"]').count()).toBe(41);
    expect(plain(await page.textContent('tr[data-row="carried-in"] td.num'))).toBe(carriedOut);
    expect(plain(await page.textContent('tr[data-row="closing"] td.num'))).toBe('10,00 kr.');
    expect(plain(await page.textContent('#closing-balance'))).toBe('10,00 kr.');
    const scrollWidth = await page.evaluate(
      () => (globalThis as unknown as Browser).document.documentElement.scrollWidth,
    );
    expect(scrollWidth).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await expectNoAxeViolations(page, 'the statement, page 2 of 2');
    await screenshot(page, 'statement-page-2');
    await page.click('#statement-pages a:text-is("Forrige side")');
    await page.waitForSelector('tr[data-row="carried-out"]');
    await page.close();
  });
});
