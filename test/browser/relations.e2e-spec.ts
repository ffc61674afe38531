import type { Page } from 'playwright-core';
import { createEmailLogin, startPortalTestApp, type PortalTestApp, type TestLogin } from '../web/portal-test-app';
import { expectNoAxeViolations, launchBrowser, PHONE, type BrowserSession, signInWithEmail } from '../support/browser';

jest.setTimeout(90_000);

/**
 * Seed 000/004 "Tilføj konto" on a phone: a right pair grants at once; a wrong card number
 * waits for the other person, who approves it under "Godkend tilknytninger". Axe on each page.
 */
describe('relations in Chromium (e2e)', () => {
  let portal: PortalTestApp;
  let session: BrowserSession;
  let origin: string;
  let parent: TestLogin;
  let sibling: TestLogin;
  let grandma: TestLogin;

  beforeAll(async () => {
    portal = await startPortalTestApp();
    origin = `http://${portal.emailTenant.hosts[0]}:${await portal.listen()}`;
    const tenant = portal.emailTenant.slug;
    parent = await createEmailLogin(portal.ds, tenant, { name: 'Rikke Anmoder', balance: 0 });
    sibling = await createEmailLogin(portal.ds, tenant, { name: 'Rasmus Rigtigpar', balance: 1_000 });
    grandma = await createEmailLogin(portal.ds, tenant, { name: 'Vera Venter', balance: 2_000 });
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await portal?.close();
  });

  async function logIn(page: Page, who: TestLogin): Promise<void> {
    await signInWithEmail(page, origin, who);
  }

  async function addAccount(page: Page, cpr: string, cardNumber: string): Promise<void> {
    await page.goto(`${origin}/konti`);
    await page.click('text=Tilføj konto');
    await page.waitForURL(`${origin}/konti/tilfoej`);
    await expectNoAxeViolations(page, 'Tilføj konto');
    await page.fill('#cpr', cpr);
    await page.fill('#cardNumber', cardNumber);
    await page.click('form[action="/konti/tilfoej"] button[type=submit]');
  }

  it('grants a right pair at once, and a wrong one after the other person approves', async () => {
    const page = await session.newPage(PHONE);
    await logIn(page, parent);

    await addAccount(page, sibling.cpr, sibling.cardNumber);
    await page.waitForURL(/\/konti(\?|$)/);
    expect(await page.textContent('main')).toContain('Rasmus Rigtigpar');
    await expectNoAxeViolations(page, 'Mine konti after adding');

    await addAccount(page, grandma.cpr, '9999888877776666');
    await page.waitForURL(/\/konti\/tilknytninger/);
    expect(await page.textContent('main')).toContain('Afventer godkendelse');
    expect(await page.textContent('main')).not.toContain('Vera Venter');
    await expectNoAxeViolations(page, 'pending requests');
    await page.click('text=Log af');

    await logIn(page, grandma);
    await page.goto(`${origin}/konti/tilknytninger`);
    await expectNoAxeViolations(page, 'Godkend tilknytninger');
    await page.click('button[name=decision][value=approve]');
    await page.waitForLoadState();
    await page.click('text=Log af');

    await logIn(page, parent);
    const accounts = await page.textContent('main');
    expect(accounts).toContain('Rasmus Rigtigpar');
    expect(accounts).toContain('Vera Venter');
    expect(accounts).toContain('20,00\u00a0kr.');
  });
});
