import { randomBytes } from 'node:crypto';
import { freePort } from '@kk/database';
import { createPerson } from '@kk/testing';
import { spawnIdpSim, type SpawnedIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { TEST_CITIZEN_SUBS } from '../../apps/idp-sim/src/test-citizens';
import { citizen } from '../web/mitid-test-login';
import { expectNoAxeViolations, launchBrowser, PHONE, type BrowserSession } from '../support/browser';
import { startPortalTestApp, type PortalTestApp } from '../web/portal-test-app';

jest.setTimeout(90_000);

const METTE = citizen(TEST_CITIZEN_SUBS.metteSorensen).cpr!;
const LARS = citizen(TEST_CITIZEN_SUBS.larsPedersen).cpr!;

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
    const port = await portal.listen();
    origin = `http://${portal.oidcTenant.hosts[0]}:${port}`;
    sim = await spawnIdpSim({
      port: Number(new URL(issuer).port),
      clientSecret,
      redirectUris: [`${origin}/auth/oidc/callback`],
    });
    await createPerson(portal.ds, portal.oidcTenant.slug, { cpr: METTE, name: 'Mette Sørensen' });
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await sim?.stop();
    await portal?.close();
  });

  it('goes from the front page through the broker, has the CPR confirmed by it, and lands on Mine konti', async () => {
    const page = await session.newPage(PHONE);
    await page.goto(`${origin}/`);
    await expectNoAxeViolations(page, 'front page with the MitID button');

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

    // Someone else's number: the broker says it is not this MitID's.
    await page.fill('#cpr', LARS);
    await page.click('button[type=submit]');
    await page.waitForSelector('#cpr-error');
    expect(await page.textContent('#cpr-error')).toContain('CPR-nummeret passer ikke til dit MitID');
    await expectNoAxeViolations(page, "CPR page refusing another citizen's number");

    await page.fill('#cpr', METTE);
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/konti`);
    expect(await page.textContent('.person__name')).toBe('Mette Sørensen');
    await expectNoAxeViolations(page, 'Mine konti after the first MitID login');

    await page.click('text=Log af');
    await page.waitForURL(`${origin}/`);
  });

  it('shows a citizen whose MitID has no CPR number a clear page', async () => {
    const page = await session.newPage(PHONE);
    await page.goto(`${origin}/`);
    await page.click('text=Log på med MitID');
    await page.waitForURL((url) => url.origin === sim.issuer);
    await page.click(`button[name=citizen][value="${TEST_CITIZEN_SUBS.jonasBerg}"]`);
    await page.waitForSelector('.notice--problem');
    expect(await page.textContent('.notice--problem')).toContain('Dit MitID er ikke knyttet til et CPR-nummer');
    await expectNoAxeViolations(page, 'MitID without a CPR number');
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
