import { createPerson, startSmtpCatcher, uniqueSlug, type SmtpCatcher } from '@kk/testing';
import { startPortalTestApp, type PortalTestApp } from '../web/portal-test-app';
import { expectNoAxeViolations, launchBrowser, PHONE, type BrowserSession } from '../support/browser';

jest.setTimeout(90_000);

/** A parent on a phone signs up with the emailed code, then forgets the password and resets it. */
describe('sign-up and password reset in Chromium (e2e)', () => {
  let catcher: SmtpCatcher;
  let portal: PortalTestApp;
  let session: BrowserSession;
  let origin: string;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    portal = await startPortalTestApp({ email: { smtpUrl: catcher.url } });
    const port = await portal.listen();
    origin = `http://${portal.emailTenant.hosts[0]}:${port}`;
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await portal?.close();
    await catcher?.stop();
  });

  it('signs up, logs out, resets the password and logs in, with no WCAG 2.1 A/AA violations', async () => {
    const { cardNumber } = await createPerson(portal.ds, portal.emailTenant.slug, {
      cpr: '2404151234',
      name: 'Vera Browsersen',
    });
    const email = `${uniqueSlug('browser')}@example.dk`;
    const page = await session.newPage(PHONE);

    // From the school's front page, by links only.
    await page.goto(`${origin}/`);
    await expectNoAxeViolations(page, 'front page');
    await page.click('text=Ny bruger? Opret dig her');
    await page.waitForURL(`${origin}/opret`);
    await expectNoAxeViolations(page, 'sign-up step 1');
    await page.fill('#cpr', '2404151234');
    await page.fill('#email', email);
    await page.click('button:has-text("Opret")');

    await page.waitForURL(`${origin}/opret/elev`);
    await expectNoAxeViolations(page, 'sign-up step 2');
    await page.fill('#name', 'Vera Browsersen');
    await page.fill('#cardNumber', '123');
    await page.click('button:has-text("Næste")');
    await page.waitForSelector('#cardNumber-error');
    expect(await page.textContent('#cardNumber-error')).toContain('Ugyldigt Kortnummer');
    await expectNoAxeViolations(page, 'sign-up step 2 with an error');
    await page.fill('#cardNumber', cardNumber);
    await page.click('button:has-text("Næste")');

    await page.waitForURL(`${origin}/opret/aktivering`);
    await expectNoAxeViolations(page, 'sign-up step 3');
    const activation = await catcher.waitFor((m) => m.to.includes(email));
    const code = /\b(\d{6})\b/.exec(activation.text)?.[1] ?? '';
    await page.fill('#code', code);
    await page.click('button:has-text("Næste")');

    await page.waitForURL(`${origin}/opret/adgangskode`);
    await expectNoAxeViolations(page, 'sign-up step 4');
    await page.fill('#password', 'rød bil på vejen');
    await page.fill('#passwordRepeat', 'rød bil på vejen');
    await page.click('button:has-text("Næste")');

    await page.waitForURL(`${origin}/opret/bekraeftelse`);
    await expectNoAxeViolations(page, 'sign-up confirmation');
    await page.click('a:has-text("Næste")');
    await page.waitForURL(`${origin}/konti`);
    expect(await page.textContent('.person__name')).toBe('Vera Browsersen');
    await page.click('text=Log af');
    await page.waitForURL(`${origin}/`);

    await page.click('text=Log på med E-Mail');
    await page.waitForURL(`${origin}/login`);
    await page.click('text=Glemt adgangskode');
    await page.waitForURL(`${origin}/glemt-adgangskode`);
    await expectNoAxeViolations(page, 'forgot password');
    await page.fill('#email', email);
    await page.click('button:has-text("Send link")');
    await page.waitForSelector('text=Tjek din e-mail');
    await expectNoAxeViolations(page, 'reset link sent');

    const reset = await catcher.waitFor((m) => m.to.includes(email) && m.subject === 'Nulstil adgangskode');
    const link = /(http:\/\/\S+\/nulstil\?token=[\w-]+)/.exec(reset.text)?.[1] ?? '';
    expect(link.startsWith(`${origin}/nulstil?token=`)).toBe(true);
    await page.goto(link);
    await expectNoAxeViolations(page, 'reset password');
    await page.fill('#password', 'blå båd i havnen');
    await page.fill('#passwordRepeat', 'blå båd i havnen');
    await page.click('button:has-text("Gem Password")');
    await page.waitForURL(`${origin}/nulstil/udfoert`);
    await expectNoAxeViolations(page, 'login after reset');
    await page.fill('#email', email);
    await page.fill('#password', 'blå båd i havnen');
    await page.click('button:has-text("Log på med E-Mail")');
    await page.waitForURL(`${origin}/konti`);

    await page.goto(link);
    expect(await page.textContent('h1')).toBe('Linket virker ikke længere');
    await expectNoAxeViolations(page, 'used reset link');
  });
});
