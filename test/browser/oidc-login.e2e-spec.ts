import { randomBytes } from 'node:crypto';
import { createCardholderWithAccount } from '@kk/cardholders';
import { freePort, inTenant } from '@kk/database';
import { uniqueCardNumber } from '@kk/testing';
import { spawnIdpSim, type SpawnedIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { TEST_CITIZEN_SUBS } from '../../apps/idp-sim/src/test-citizens';
import { expectNoAxeViolations, launchBrowser, listenOnFreePort, PHONE, type BrowserSession } from '../support/browser';
import { startPortalTestApp, TEST_CIPHER, type PortalTestApp } from '../web/portal-test-app';

jest.setTimeout(90_000);

/** A citizen's first MitID login on a phone: broker, CPR question, Mine konti; axe on the portal pages. */
describe('MitID first login in Chromium (e2e)', () => {
  let portal: PortalTestApp;
  let sim: SpawnedIdpSim;
  let session: BrowserSession;
  let origin: string;

  beforeAll(async () => {
    const issuer = `http://localhost:${await freePort()}`;
    const clientSecret = `test-secret-${randomBytes(8).toString('hex')}`;
    portal = await startPortalTestApp({ oidc: { issuer, clientSecret } });
    const port = await listenOnFreePort(portal.app);
    origin = `http://${portal.oidcTenant.hosts[0]}:${port}`;
    sim = await spawnIdpSim({
      port: Number(new URL(issuer).port),
      clientSecret,
      redirectUris: [`${origin}/auth/oidc/callback`],
    });
    await inTenant(portal.ds, portal.oidcTenant.slug, (tx) =>
      createCardholderWithAccount(tx, TEST_CIPHER, {
        cpr: '2408811234',
        name: 'Mette Sørensen',
        cardNumber: uniqueCardNumber(),
      }),
    );
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await sim?.stop();
    await portal?.close();
  });

  it('logs in through the broker, asks the CPR once with errors shown, and lands on Mine konti', async () => {
    const page = await session.newPage(PHONE);
    await page.goto(`${origin}/login`);
    await expectNoAxeViolations(page, 'login page with the MitID button');

    await page.click('text=Log på med MitID');
    await page.waitForURL((url) => url.origin === sim.issuer);
    await page.click(`button[name=citizen][value="${TEST_CITIZEN_SUBS.metteSorensen}"]`);
    await page.waitForURL(`${origin}/auth/oidc/cpr`);
    expect(await page.textContent('label[for=cpr]')).toBe('Indtast dit CPR-nummer (uden bindestreg)');
    await expectNoAxeViolations(page, 'CPR page');

    await page.fill('#cpr', '240881');
    await page.click('button[type=submit]');
    await page.waitForSelector('#cpr-error');
    expect(await page.textContent('#cpr-error')).toContain('CPR-nummeret skal være 10 cifre');
    await expectNoAxeViolations(page, 'CPR page with an error');

    await page.fill('#cpr', '0505905555');
    await page.click('button[type=submit]');
    await page.waitForSelector('.notice--problem');
    expect(await page.textContent('.notice--problem')).toContain('Der er ikke registreret et kantinekort');
    await expectNoAxeViolations(page, 'CPR page with no card for the CPR');

    await page.fill('#cpr', '2408811234');
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/konti`);
    expect(await page.textContent('.person__name')).toBe('Mette Sørensen');
    await expectNoAxeViolations(page, 'Mine konti after the first MitID login');

    await page.click('text=Log af');
    await page.waitForURL(`${origin}/`);
  });

  it('shows a notice on the login page when the citizen cancels at the broker', async () => {
    const page = await session.newPage(PHONE);
    await page.goto(`${origin}/login`);
    await page.click('text=Log på med MitID');
    await page.waitForURL((url) => url.origin === sim.issuer);
    await page.click('button.cancel');
    await page.waitForURL((url) => url.pathname === '/auth/oidc/callback');
    expect(await page.textContent('.notice')).toContain('Du afbrød login med MitID');
    await expectNoAxeViolations(page, 'login page after a cancelled MitID login');
  });
});
