import { inTenant } from '@kk/database';
import {
  createEmailLogin,
  startPortalTestApp,
  type PortalTestApp,
  type TestLogin,
  signedInAgent,
} from './portal-test-app';

describe("Mine konti's entry points per account", () => {
  let portal: PortalTestApp;
  let parent: TestLogin;
  let stranger: TestLogin;
  let host: string;

  beforeAll(async () => {
    portal = await startPortalTestApp();
    host = portal.emailTenant.hosts[0];
    parent = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Ida Indgang', balance: 0 });
    stranger = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Sune Stranger', balance: 0 });
  });
  afterAll(() => portal.close());

  const signedIn = (who: TestLogin) => signedInAgent(portal.app, host, who);

  const accountIdOf = (who: TestLogin, tenant: string) =>
    inTenant(portal.ds, tenant, async (tx) => {
      const rows = await tx.query<{ account_id: string }>(
        'SELECT account_id FROM cards WHERE tenant_id = $1 AND card_number = $2',
        [tenant, who.cardNumber],
      );
      return rows[0].account_id;
    });

  it("links Indbetal, Udbetal, Brugeroplysninger and the tenant's statement tab for each account", async () => {
    const accountId = await accountIdOf(parent, portal.emailTenant.slug);
    const page = await (await signedIn(parent)).get('/konti').set('Host', host);
    for (const action of ['indbetal', 'udbetal', 'oplysninger', 'kontoudskrift']) {
      expect(page.text).toContain(`href="/konti/${accountId}/${action}"`);
    }
    expect(page.text).toContain(portal.emailTenant.features.statementTabName);
  });

  it('says plainly that self-service payout is not open yet, and where to get help', async () => {
    const accountId = await accountIdOf(parent, portal.emailTenant.slug);
    const res = await (await signedIn(parent)).get(`/konti/${accountId}/udbetal`).set('Host', host);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Udbetal');
    expect(res.text).toContain('Denne side er endnu ikke en del af portalen');
  });

  it("answers 404 for another login's account, an unknown action and a malformed id", async () => {
    const foreign = await accountIdOf(stranger, portal.emailTenant.slug);
    const own = await accountIdOf(parent, portal.emailTenant.slug);
    const a = await signedIn(parent);
    for (const action of ['udbetal', 'oplysninger', 'kontoudskrift', 'kortet-virker-ikke', 'saldo-besked']) {
      expect((await a.get(`/konti/${foreign}/${action}`).set('Host', host)).status).toBe(404);
      expect((await a.get(`/konti/ikke-et-id/${action}`).set('Host', host)).status).toBe(404);
    }
    expect((await a.get(`/konti/${own}/slet-alt`).set('Host', host)).status).toBe(404);
  });
});
