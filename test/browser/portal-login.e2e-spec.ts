import { createEmailLogin, startPortalTestApp, type PortalTestApp, type TestLogin } from '../web/portal-test-app';
import { expectNoAxeViolations, launchBrowser, PHONE, type BrowserSession } from '../support/browser';

jest.setTimeout(60_000);

/** A parent on a phone: the login page, a wrong password, then Mine konti; axe on each page. */
describe('portal login and Mine konti in Chromium (e2e)', () => {
  let portal: PortalTestApp;
  let session: BrowserSession;
  let origin: string;
  let login: TestLogin;

  beforeAll(async () => {
    portal = await startPortalTestApp();
    const port = await portal.listen();
    origin = `http://${portal.emailTenant.hosts[0]}:${port}`;
    login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Bo Browsersen', balance: 4_250 });
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await portal?.close();
  });

  it('signs in with email and shows the accounts, with no WCAG 2.1 A/AA violations', async () => {
    const page = await session.newPage(PHONE);
    await page.goto(`${origin}/konti`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectNoAxeViolations(page, 'login page');

    await page.fill('#email', login.email);
    await page.fill('#password', 'not the password');
    await page.click('button[type=submit]');
    await page.waitForSelector('#login-error');
    expect(await page.textContent('#login-error')).toContain('Forkert e-mail eller adgangskode');
    await expectNoAxeViolations(page, 'login page with an error');

    await page.fill('#password', login.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/konti`);
    expect(await page.textContent('h1')).toBe('Mine konti');
    expect(await page.textContent('.person__name')).toBe('Bo Browsersen');
    expect(await page.textContent('.balance')).toBe('42,50\u00a0kr.');
    await expectNoAxeViolations(page, 'Mine konti');

    await page.click('text=Log af');
    await page.waitForURL(`${origin}/`);
    await page.goto(`${origin}/konti`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
