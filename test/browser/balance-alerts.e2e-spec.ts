import { accountAlertAmount } from '@kk/testing';
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
 * "Besked ved lav saldo" on a phone: Mine konti → the page → a mistake shown beside its field
 * → saved → turned off. Axe checks every state of the page. Screenshots as balance-alert-*.png.
 */
describe('Besked ved lav saldo in Chromium (e2e)', () => {
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

  it('a parent sets the alert, fixes a mistake, and turns it off again', async () => {
    const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Bo Besked', balance: 9_000 });
    const page = await session.newPage(PHONE);
    await signInWithEmail(page, school, login);

    await page.click('.account-actions a:text-is("Besked ved lav saldo")');
    await page.waitForURL(/\/saldo-besked$/);
    expect(await page.textContent('h1')).toBe('Besked ved lav saldo');
    expect(await page.inputValue('#email')).toBe(login.email);
    await expectNoAxeViolations(page, 'Besked ved lav saldo');
    await screenshot(page, 'balance-alert-form');

    await page.fill('#amount', '50,50');
    await page.click('button:text-is("Gem")');
    await page.waitForSelector('#amount-error');
    expect(await page.textContent('#amount-error')).toBe('Skriv beløbet i hele kroner, fx 50');
    expect(await page.inputValue('#amount')).toBe('50,50');
    expect(await page.getAttribute('#amount', 'aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'Besked ved lav saldo with an error');
    await screenshot(page, 'balance-alert-error');

    await page.fill('#amount', '50');
    await page.click('button:text-is("Gem")');
    await page.waitForURL(/besked=gemt$/);
    expect(await page.textContent('#alert-state')).toBe(
      `Beskeden er slået til: en e-mail til ${login.email}, når saldoen efter et køb er under 50,00\u00a0kr.`,
    );
    expect(await accountAlertAmount(portal.ds, portal.emailTenant.slug, login.accountId)).toBe(5_000);
    await expectNoAxeViolations(page, 'Besked ved lav saldo, saved');
    await screenshot(page, 'balance-alert-saved');

    await page.click('button:text-is("Slå beskeden fra")');
    await page.waitForURL(/besked=slaaet-fra$/);
    expect(await page.textContent('#alert-state')).toBe('Beskeden er slået fra.');
    expect(await accountAlertAmount(portal.ds, portal.emailTenant.slug, login.accountId)).toBeNull();
    await expectNoAxeViolations(page, 'Besked ved lav saldo, turned off');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(375);
  });
});
