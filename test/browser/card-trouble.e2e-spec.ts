import { randomUUID } from 'node:crypto';
import { createUnit, namedTill, setCardStatus, type TestLogin } from '@kk/testing';
import { createEmailLogin, startPortalTestApp, type PortalTestApp } from '../web/portal-test-app';
import {
  expectNoAxeViolations,
  launchBrowser,
  PHONE,
  screenshot,
  type BrowserSession,
  signInWithEmail,
} from '../support/browser';

jest.setTimeout(90_000);

/**
 * "Sådan gør du hvis kortet ikke virker" (both seeds), on a phone: Mine konti → "Kortet virker
 * ikke" → the card's state now and the latest declines, each with its reason, time, place and
 * fix. The declines are real: made at tills through the POS module. Axe checks every page.
 * Screenshots go to SCREENSHOT_DIR (e.g. /tmp) as card-trouble-*.png.
 */
describe('Kortet virker ikke in Chromium (e2e)', () => {
  let portal: PortalTestApp;
  let session: BrowserSession;
  let school: string;

  beforeAll(async () => {
    portal = await startPortalTestApp();
    await portal.listen();
    school = portal.origin(portal.emailTenant.hosts[0]);
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await portal?.close();
  });

  /** A pupil whose card has met four kinds of "no" at the school's tills today. */
  async function troubledPupil(): Promise<{ login: TestLogin; cafe: string }> {
    const tenant = portal.emailTenant.slug;
    const canteen = await createUnit(portal.ds, tenant, `Kantinen ${randomUUID().slice(0, 4)}`);
    const cafe = `Caféen ${randomUUID().slice(0, 4)}`;
    const login = await createEmailLogin(portal.ds, tenant, {
      name: 'Karl Kort',
      balance: 8_000,
      dailyLimit: 6_000,
      allowedUnits: [canteen],
    });
    const atCanteen = await namedTill(portal.ds, tenant, { unitId: canteen });
    const atCafe = await namedTill(portal.ds, tenant, { unitName: cafe });
    expect((await atCafe.buy(login.cardNumber, 2_500)).declineReason).toBe('device_not_allowed');
    expect((await atCanteen.buy(login.cardNumber, 4_500)).status).toBe('approved');
    expect((await atCanteen.buy(login.cardNumber, 2_000)).declineReason).toBe('daily_limit_exceeded');
    await setCardStatus(portal.ds, tenant, login.cardNumber, 'blocked');
    expect((await atCanteen.buy(login.cardNumber, 1_000)).declineReason).toBe('card_blocked');
    return { login, cafe };
  }

  it('a parent finds why the card was declined, and where to fix it', async () => {
    const { login, cafe } = await troubledPupil();
    const page = await session.newPage(PHONE);
    await signInWithEmail(page, school, login);
    await expectNoAxeViolations(page, 'Mine konti');

    await page.click('.account-actions a:text-is("Kortet virker ikke")');
    await page.waitForURL(/\/konti\/[0-9a-f-]+\/kortet-virker-ikke$/);
    expect(await page.textContent('h1')).toBe('Kortet virker ikke');
    await expectNoAxeViolations(page, 'Kortet virker ikke');
    await screenshot(page, 'card-trouble');

    // The checklist: the block stops the card now; 45 of 60 kr. spent today leaves room for a small lunch.
    const problems = await page.locator('.card-check[data-state="problem"] h3').allTextContents();
    expect(problems.map((heading) => heading.trim())).toEqual(['Spærring Skal rettes']);
    expect(await page.textContent('main')).toContain('I dag: 45,00\u00a0kr. af 60\u00a0kr.');
    expect(await page.textContent('.card-check[data-state="problem"]')).toContain(
      'Kortet er spærret — tryk Aktiver kort under Brugeroplysninger.',
    );

    // The declines, newest first, each in plain Danish with its fix.
    const declines = page.locator('.decline');
    const reasons: (string | null)[] = [];
    for (let i = 0; i < (await declines.count()); i++) reasons.push(await declines.nth(i).getAttribute('data-reason'));
    expect(reasons).toEqual(['card_blocked', 'daily_limit_exceeded', 'device_not_allowed']);
    expect(await declines.nth(0).textContent()).toContain('Kortet er spærret — tryk Aktiver kort');
    expect(await declines.nth(1).textContent()).toContain('Dagens grænse på 60\u00a0kr. er nået.');
    expect(await declines.nth(2).textContent()).toContain(`Kortet må ikke bruges i ${cafe}.`);
    expect(await declines.nth(0).locator('a').getAttribute('href')).toBe(`/konti/${login.accountId}/oplysninger`);

    // Nothing wider than the phone: a parent never scrolls sideways.
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(375);

    await page.click('a:text("Tilbage til Mine konti")');
    await page.waitForURL(`${school}/konti`);
  });

  it('reads in English too, without WCAG violations', async () => {
    const { login } = await troubledPupil();
    const page = await session.newPage(PHONE);
    await signInWithEmail(page, school, login);
    // The header's language link, as a parent clicks it (it leads home; the choice is a cookie).
    await Promise.all([
      page.waitForResponse((response) => new URL(response.url()).pathname === '/sprog'),
      page.click('a:text-is("English")'),
    ]);
    await page.goto(`${school}/konti/${login.accountId}/kortet-virker-ikke`);
    expect(await page.textContent('h1')).toBe('The card does not work');
    await expectNoAxeViolations(page, 'The card does not work (English)');
    await screenshot(page, 'card-trouble-en');
  });
});
