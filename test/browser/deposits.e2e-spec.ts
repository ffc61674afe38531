import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { freePort } from '@kk/database';
import { inTenant } from '@kk/database';
import { TopUpCharger } from '@kk/payments';
import { PosAuthorizationService } from '@kk/pos-authorization';
import { createPerson, createTill, uniqueCardNumber } from '@kk/testing';
import { startGatewaySim, TEST_CARDS, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import { spawnIdpSim, type SpawnedIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { TEST_CITIZEN_SUBS } from '../../apps/idp-sim/src/test-citizens';
import { citizen } from '../web/mitid-test-login';
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

const METTE = citizen(TEST_CITIZEN_SUBS.metteSorensen);

/**
 * "Sådan indbetaler du penge på et kantinekort" (both seeds), step by step on a phone: Mine
 * konti → "Indbetal" → "Email til kvittering", the amount, "Handelsbetingelser og vilkår"
 * opened and closed, the terms ticked, "Næste" → the provider's page → back to the status
 * page → Mine konti with the new balance. Axe checks every page, the provider's pages too.
 * Screenshots go to SCREENSHOT_DIR (e.g. /tmp) as deposit-*.png.
 */
describe('Indbetal in Chromium (e2e)', () => {
  let sim: RunningGatewaySim;
  let idp: SpawnedIdpSim;
  let portal: PortalTestApp;
  let session: BrowserSession;
  let school: string;
  let municipality: string;

  beforeAll(async () => {
    sim = await startGatewaySim({ port: 0, webhookRetryScheduleMs: [20, 40, 80] });
    const issuer = `http://localhost:${await freePort()}`;
    const clientSecret = `test-secret-${randomBytes(8).toString('hex')}`;
    portal = await startPortalTestApp({ oidc: { issuer, clientSecret }, payments: { gatewayUrl: sim.url } });
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
    await sim?.stop();
  });

  /** A till in the school's canteen takes `amount`; the worker's charger handles the low balance. */
  async function tillPurchaseAndTopUp(cardNumber: string, accountId: string, amount: number): Promise<void> {
    const tenant = portal.emailTenant.slug;
    const created = await createTill(portal.ds, tenant);
    const pos = new PosAuthorizationService(
      { query: <T>(sql: string, params?: unknown[]) => portal.ds.query<T[]>(sql, params) },
      { lowBalanceThreshold: () => portal.emailTenant.autoTopUp.thresholdOre },
    );
    const till = { tenantId: tenant, tillId: created.tillId, unitId: created.unitId, name: 'Kantinen' };
    const bought = await pos.purchase(till, {
      idempotencyKey: `browser-${accountId}`,
      cardNumber,
      amount,
      description: null,
    });
    expect(bought.kind === 'new' && bought.response.status).toBe('approved');
    const events = await inTenant(portal.ds, tenant, (tx) =>
      tx.query<{ id: string; payload: { accountId: string; purchaseId: string; balance: number } }>(
        `SELECT id, payload FROM outbox WHERE tenant_id = $1 AND topic = 'wallet.low_balance' AND payload->>'accountId' = $2`,
        [tenant, accountId],
      ),
    );
    const charger = portal.app.get(TopUpCharger);
    expect(await Promise.all(events.map((e) => charger.onLowBalance(tenant, e.id, e.payload)))).toEqual(['completed']);
  }

  /** Mine konti → the account's "Indbetal" → the form filled in as the seeds tell it, up to "Næste". */
  async function fillDepositForm(page: Page, amount: string, shot: string, method?: 'mobilepay'): Promise<void> {
    await page.click('.account-actions a:text-is("Indbetal")');
    await page.waitForURL(/\/konti\/[0-9a-f-]+\/indbetal$/);
    expect(await page.textContent('h1')).toBe('Indbetal');
    await expectNoAxeViolations(page, 'Indbetal');
    await screenshot(page, `${shot}-form`);

    if (method) await page.check(`#method-${method}`);
    await page.fill('#receiptEmail', 'mor@example.dk');
    await page.fill('#amount', amount);
    // "Handelsbetingelser og vilkår": opened, read, and closed by the cross on its tab.
    const terms = page.locator('details.terms');
    await page.click('details.terms > summary');
    expect(await terms.getAttribute('open')).not.toBeNull();
    expect(await page.isVisible('.terms__text')).toBe(true);
    await expectNoAxeViolations(page, 'Indbetal with the terms open');
    await screenshot(page, `${shot}-terms`);
    await page.click('details.terms > summary .terms__close');
    expect(await terms.getAttribute('open')).toBeNull();
    expect(await page.isVisible('.terms__text')).toBe(false);

    await page.check('#terms');
    await screenshot(page, `${shot}-filled`);
    await page.click('button:text-is("Næste")');
  }

  it('a parent at the school pays by card on the hosted page and sees the balance raised', async () => {
    const parent = await createEmailLogin(portal.ds, portal.emailTenant.slug, {
      name: 'Ida Indbetaler',
      balance: 2_500,
    });
    const page = await session.newPage(PHONE);
    await page.goto(`${school}/login`);
    await expectNoAxeViolations(page, 'the login page');
    await page.fill('#email', parent.email);
    await page.fill('#password', parent.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${school}/konti`);
    expect(await page.textContent('.balance')).toBe('25,00\u00a0kr.');
    await expectNoAxeViolations(page, 'Mine konti');
    await screenshot(page, 'deposit-card-accounts');

    // First a mistake, as parents make them: the amount in øre-style kroner and no terms.
    await page.click('.account-actions a:text-is("Indbetal")');
    await page.fill('#receiptEmail', 'mor@example.dk');
    await page.fill('#amount', '150,50');
    await page.click('button:text-is("Næste")');
    await page.waitForSelector('#amount-error');
    expect(await page.textContent('#amount-error')).toBe('Skriv beløbet i hele kroner, fx 300');
    expect(await page.textContent('#terms-error')).toBe('Du skal acceptere betalingsbetingelserne');
    expect(await page.inputValue('#receiptEmail')).toBe('mor@example.dk');
    await expectNoAxeViolations(page, 'Indbetal with errors');
    await screenshot(page, 'deposit-card-errors');
    await page.click('a:text("Tilbage til Mine konti")');

    await fillDepositForm(page, '150', 'deposit-card');
    await page.waitForURL((url) => url.origin === sim.url);
    expect(await page.textContent('h1')).toBe('Betal 150,00\u00a0kr.');
    await expectNoAxeViolations(page, "Nexi's hosted payment page");
    await screenshot(page, 'deposit-card-hosted-page');

    await page.fill('#holder-name', 'Mette Hansen');
    await page.fill('#card-number', TEST_CARDS.visa.number);
    await page.fill('#expiry', '12/39');
    await page.fill('#cvc', '123');
    await page.click('button:text-is("Gennemfør Betaling")');
    await page.waitForURL((url) => url.origin === school && url.pathname.startsWith('/indbetalinger/'));
    expect(await page.textContent('#deposit-status')).toBe(
      'Indbetalingen er gennemført. 150,00\u00a0kr. er sat ind på kontoen, og en kvittering er sendt til din e-mail.',
    );
    await expectNoAxeViolations(page, 'the status page');
    await screenshot(page, 'deposit-card-status');

    await page.click('a:text("Tilbage til Mine konti")');
    await page.waitForURL(`${school}/konti`);
    expect(await page.textContent('.balance')).toBe('175,00\u00a0kr.');
    await expectNoAxeViolations(page, 'Mine konti after the deposit');
    await screenshot(page, 'deposit-card-accounts-after');

    // The same amount again within 10 minutes: first the warning ("Identisk Transaktion").
    await page.click('.account-actions a:text-is("Indbetal")');
    await page.waitForURL(/\/indbetal$/);
    expect(await page.textContent('.payments')).toContain('Gennemført');
    await screenshot(page, 'deposit-card-recent');
    await page.fill('#receiptEmail', 'mor@example.dk');
    await page.fill('#amount', '150');
    await page.check('#terms');
    await page.click('button:text-is("Næste")');
    await page.waitForSelector('#repeat-title');
    expect(await page.textContent('main')).toContain('Identisk Transaktion');
    await expectNoAxeViolations(page, 'the same amount again');
    await screenshot(page, 'deposit-card-repeat');
    await page.click('a:text-is("Skift beløb")');
    await page.waitForURL(/\/indbetal$/);
  });

  it('a parent sets up Automatisk Optankning, a till purchase under 50 kr. tops up, Mine konti shows it', async () => {
    const parent = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Otto Optank', balance: 8_000 });
    const page = await session.newPage(PHONE);
    await signInWithEmail(page, school, parent);
    await page.click('.account-actions a:text-is("Indbetal")');
    await page.click('.tabs a:text-is("Automatisk Optankning")');
    await page.waitForURL(/\/optankning$/);
    await expectNoAxeViolations(page, 'Automatisk Optankning');
    await screenshot(page, 'top-up-form');
    await page.fill('#amount', '200');
    await page.click('details.terms > summary');
    await expectNoAxeViolations(page, 'Automatisk Optankning with the terms open');
    await page.click('details.terms > summary .terms__close');
    await page.check('#terms');
    await page.click('button:text-is("Næste")');
    await page.waitForURL((url) => url.origin === sim.url);
    await expectNoAxeViolations(page, "Nexi's page storing the card");
    await screenshot(page, 'top-up-hosted-page');
    await page.fill('#holder-name', 'Otto Optank');
    await page.fill('#card-number', TEST_CARDS.dankort.number);
    await page.fill('#expiry', '10/38');
    await page.fill('#cvc', '123');
    await page.click('button:text-is("Gennemfør Betaling")');
    await page.waitForURL((url) => url.origin === school && url.pathname.endsWith('/optankning'));
    expect(await page.textContent('main')).toContain('Den automatiske optankning er oprettet');
    expect(await page.isVisible('button:text-is("Annuller Automatisk optankning")')).toBe(true);
    await expectNoAxeViolations(page, 'the agreement');
    await screenshot(page, 'top-up-active');

    // A till purchase leaves 40 kr.; the worker's charger tops up 200 kr.
    await tillPurchaseAndTopUp(parent.cardNumber, parent.accountId, 4_000);
    await page.click('a:text("Tilbage til Mine konti")');
    await page.waitForURL(`${school}/konti`);
    expect(await page.textContent('.balance')).toBe('240,00\u00a0kr.');
    await screenshot(page, 'top-up-accounts-after');
  });

  it('a citizen of the municipality signs in with MitID and pays with MobilePay', async () => {
    await createPerson(portal.ds, portal.oidcTenant.slug, {
      cpr: METTE.cpr,
      name: METTE.name,
      cardNumber: `GLX${uniqueCardNumber().slice(0, 12)}`,
    });
    const page = await session.newPage(PHONE);
    await page.goto(`${municipality}/`);
    await expectNoAxeViolations(page, 'the front page');
    await page.click('text=Log på med MitID');
    await page.waitForURL((url) => url.origin === idp.issuer);
    await expectNoAxeViolations(page, "the MitID broker's page");
    await page.click(`button[name=citizen][value="${TEST_CITIZEN_SUBS.metteSorensen}"]`);
    await page.waitForURL(`${municipality}/auth/oidc/cpr`);
    await expectNoAxeViolations(page, 'the CPR question');
    await page.fill('#cpr', METTE.cpr!);
    await page.click('button[type=submit]');
    await page.waitForURL(`${municipality}/konti`);
    expect(await page.textContent('.balance')).toBe('0,00\u00a0kr.');

    await expectNoAxeViolations(page, 'Mine konti at the municipality');
    // "Videre til betalingen" is on screen only for a moment: its meta refresh is answered once with
    // 204 No Content, which leaves the browser on it, so axe can check it; then its link goes on.
    await page.route(
      (url) => url.pathname === '/mobilepay/landing',
      (route) => route.fulfill({ status: 204 }),
      { times: 1 },
    );
    await fillDepositForm(page, '201', 'deposit-mobilepay', 'mobilepay');
    await page.waitForSelector('#continue-title');
    expect(await page.getAttribute('#provider-link', 'href')).toMatch(new RegExp(`^${sim.url}/mobilepay/landing`));
    await expectNoAxeViolations(page, 'Videre til betalingen');
    await screenshot(page, 'deposit-mobilepay-continue');
    await page.click('#provider-link');
    await page.waitForURL((url) => url.origin === sim.url && url.pathname === '/mobilepay/landing');
    await expectNoAxeViolations(page, "MobilePay's approval page");
    await screenshot(page, 'deposit-mobilepay-phone');
    await page.click('button:text-is("Godkend")');
    await page.waitForURL((url) => url.origin === municipality && url.pathname.startsWith('/indbetalinger/'));
    expect(await page.textContent('#deposit-status')).toBe(
      'Indbetalingen er gennemført. 201,00\u00a0kr. er sat ind på kontoen, og en kvittering er sendt til din e-mail.',
    );
    expect(await page.textContent('#deposit-facts')).toContain('MobilePay');
    await expectNoAxeViolations(page, 'the status page after MobilePay');
    await screenshot(page, 'deposit-mobilepay-status');

    await page.click('a:text("Tilbage til Mine konti")');
    await page.waitForURL(`${municipality}/konti`);
    expect(await page.textContent('.balance')).toBe('201,00\u00a0kr.');
  });
});
