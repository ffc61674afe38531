import { inTenant } from '@kk/database';
import { TopUpCharger } from '@kk/payments';
import { PosAuthorizationService, type Till } from '@kk/pos-authorization';
import { createTill, payOnHostedPage, paymentsLedger, unescapeHtml } from '@kk/testing';
import { startGatewaySim, TEST_CARDS, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import {
  createEmailLogin,
  postForm,
  signedInAgent,
  startPortalTestApp,
  type PortalTestApp,
  type TestLogin,
} from './portal-test-app';

jest.setTimeout(60_000);

/**
 * "Automatisk Optankning" as a parent uses it (both seeds: the tab, an amount in whole kroner,
 * "Betalingsbetingelser", "Næste", the card on Nexi's page, back; the red "Annuller Automatisk
 * optankning"), and a till purchase under 50 kr. topping the account up, against the real
 * portal, database and Redis and the gateway stand-in. The worker's charger runs in this process.
 */
let sim: RunningGatewaySim;
let portal: PortalTestApp;
let host: string;
let tenant: string;
let till: Till;
let pos: PosAuthorizationService;

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0 });
  portal = await startPortalTestApp({ payments: { gatewayUrl: sim.url } });
  await portal.listen();
  host = portal.emailTenant.hosts[0];
  tenant = portal.emailTenant.slug;
  const created = await createTill(portal.ds, tenant);
  till = { tenantId: tenant, tillId: created.tillId, unitId: created.unitId, name: 'Kantinen' };
  pos = new PosAuthorizationService(
    { query: <T>(sql: string, params?: unknown[]) => portal.ds.query<T[]>(sql, params) },
    { lowBalanceThreshold: () => portal.emailTenant.autoTopUp.thresholdOre },
  );
});
afterAll(async () => {
  await portal?.close();
  await sim?.stop();
});
afterEach(async () => {
  expect((await paymentsLedger(portal.ds, [tenant])).problems).toEqual([]);
});

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

async function parent(balance: number): Promise<{ agent: Agent; login: TestLogin }> {
  const login = await createEmailLogin(portal.ds, tenant, { balance });
  return { agent: await signedInAgent(portal.app, host, login), login };
}

const tab = (agent: Agent, accountId: string) => agent.get(`/konti/${accountId}/optankning`).set('Host', host);

/** "Næste" on the tab, the card stored on Nexi's page, and back to the tab as the browser goes. */
async function setUp(agent: Agent, accountId: string, amount = '200', card: string = TEST_CARDS.visa.number) {
  const path = `/konti/${accountId}/optankning`;
  const next = await postForm(agent, host, path, { amount, terms: 'ja' });
  expect(next.status).toBe(303);
  const onTheWay = await agent.get(String(next.headers.location)).set('Host', host);
  const link = /<a [^>]*id="provider-link" href="([^"]+)"/.exec(onTheWay.text)?.[1];
  if (!link) throw new Error('no way on to the provider');
  const provider = unescapeHtml(link);
  const stored = await payOnHostedPage(provider, { cardNumber: card });
  expect(stored.status).toBe(303);
  const back = new URL(String(stored.location));
  const landed = await agent.get(`${back.pathname}${back.search}`).set('Host', host);
  expect(landed.status).toBe(303);
  return agent.get(String(landed.headers.location)).set('Host', host);
}

async function tillPurchase(cardNumber: string, amount: number) {
  const outcome = await pos.purchase(till, {
    idempotencyKey: `top-up-e2e-${Math.random()}`,
    cardNumber,
    amount,
    description: 'Frokost',
  });
  if (outcome.kind === 'key_reused') throw new Error('key reused');
  expect(outcome.response.status).toBe('approved');
}

/** What the worker does with the purchases' low-balance events. */
async function runWorker(accountId: string) {
  const events = await inTenant(portal.ds, tenant, (tx) =>
    tx.query<{ id: string; payload: { accountId: string; purchaseId: string; balance: number } }>(
      `SELECT id, payload FROM outbox WHERE tenant_id = $1 AND topic = 'wallet.low_balance' AND payload->>'accountId' = $2`,
      [tenant, accountId],
    ),
  );
  const charger = portal.app.get(TopUpCharger);
  return Promise.all(events.map((e) => charger.onLowBalance(tenant, e.id, e.payload)));
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

describe('Automatisk Optankning in the portal', () => {
  it("shows, changes and cancels nothing on another login's account", async () => {
    const { login: owner } = await parent(0);
    const { agent: stranger } = await parent(0);
    expect((await tab(stranger, owner.accountId)).status).toBe(404);
    const res = await postForm(
      stranger,
      host,
      `/konti/${owner.accountId}/optankning`,
      { amount: '200', terms: 'ja' },
      '/konti',
    );
    expect(res.status).toBe(404);
    expect((await postForm(stranger, host, `/konti/${owner.accountId}/optankning/annuller`, {}, '/konti')).status).toBe(
      404,
    );
    expect((await stranger.get(`/konti/${owner.accountId}/optankning/kort/ikke-et-id`).set('Host', host)).status).toBe(
      404,
    );
  });

  it('is reached from Indbetal by its tab, and refuses a bad amount and missing terms in Danish', async () => {
    const { agent, login } = await parent(0);
    const deposit = await agent.get(`/konti/${login.accountId}/indbetal`).set('Host', host);
    expect(deposit.text).toContain(`href="/konti/${login.accountId}/optankning"`);
    const page = await tab(agent, login.accountId);
    expect(page.status).toBe(200);
    expect(text(page.text)).toContain('under 50,00 kr.');
    const refused = await postForm(agent, host, `/konti/${login.accountId}/optankning`, { amount: '50' });
    expect(refused.status).toBe(422);
    expect(text(refused.text)).toContain('Du kan indbetale mindst 100 kr.');
    expect(text(refused.text)).toContain('Du skal acceptere betalingsbetingelserne');
  });

  it('stores the card, tops up at a purchase under 50 kr., shows the attempt, and "Annuller" ends it', async () => {
    const { agent, login } = await parent(8_000);
    const stored = await setUp(agent, login.accountId);
    expect(text(stored.text)).toContain('Den automatiske optankning er oprettet');
    expect(text(stored.text)).toMatch(/slået til: 200,00 kr\. fra kortet 492500\*+0004/);

    await tillPurchase(login.cardNumber, 4_000);
    expect(await runWorker(login.accountId)).toEqual(['completed']);
    const konti = await agent.get('/konti').set('Host', host);
    expect(text(konti.text)).toContain('240,00 kr.');
    expect(text((await tab(agent, login.accountId)).text)).toMatch(/200,00 kr\. Gennemført/);

    const cancelled = await postForm(
      agent,
      host,
      `/konti/${login.accountId}/optankning/annuller`,
      {},
      `/konti/${login.accountId}/optankning`,
    );
    expect(cancelled.status).toBe(303);
    const after = await agent.get(String(cancelled.headers.location)).set('Host', host);
    expect(text(after.text)).toContain('Den automatiske optankning er annulleret');
    expect(after.text).not.toContain('Annuller Automatisk optankning');
  });

  it("shows a failed top-up's reason with the seed's advice", async () => {
    const { agent, login } = await parent(6_000);
    await setUp(agent, login.accountId, '150', TEST_CARDS.mastercard.number);
    const agreement = await inTenant(portal.ds, tenant, (tx) =>
      tx.query<{ stored_card_id: string }>(
        `SELECT stored_card_id FROM top_up_agreements WHERE tenant_id = $1 AND account_id = $2 AND status = 'active'`,
        [tenant, login.accountId],
      ),
    );
    expect(sim.controls.setStoredCardState(agreement[0].stored_card_id, 'no_funds')).toBe(true);
    await tillPurchase(login.cardNumber, 2_000);
    expect(await runWorker(login.accountId)).toEqual(['failed']);
    const page = text((await tab(agent, login.accountId)).text);
    expect(page).toContain('Mislykkedes');
    expect(page).toContain('Der er ikke dækning på betalingskortet');
  });
});
