import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import {
  DEMO_MOBILEPAY_MERCHANT,
  DEMO_NEXI_MERCHANT,
  startGatewaySim,
  TEST_CARDS,
  type RunningGatewaySim,
} from '../../apps/gateway-sim/src/main';
import { expectNoAxeViolations, launchBrowser, PHONE, type BrowserSession } from '../support/browser';
import { MobilePayTestClient, paymentBody } from './mobilepay-test-client';
import { createPayment, nexi, type PaymentView } from './nexi-test-client';

// Launching Chromium and loading a page is seconds, not milliseconds, on a loaded CI machine.
jest.setTimeout(60_000);

/** The shop's side: records where the browser came back to. */
async function startShop(): Promise<{ url: string; visits: string[]; close(): Promise<void> }> {
  const visits: string[] = [];
  const server: Server = createServer((req, res) => {
    // Chromium also asks for /favicon.ico; only the returns matter.
    if (req.url !== '/favicon.ico') visits.push(req.url ?? '/');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      '<!DOCTYPE html><html lang="da"><head><title>Butik</title></head><body><main><h1>Tak</h1></main></body></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    visits,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('gateway-sim hosted pages in Chromium, with axe (e2e)', () => {
  let sim: RunningGatewaySim;
  let browser: BrowserSession;
  let shop: Awaited<ReturnType<typeof startShop>>;

  beforeAll(async () => {
    shop = await startShop();
    // The demo's own merchants: what a demo visitor would meet.
    sim = await startGatewaySim({ port: 0 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await shop?.close();
  });

  async function fillCard(page: Page, cardNumber: string, expiry = '12/39'): Promise<void> {
    await page.getByLabel('Kortholders navn').fill('Mette Hansen');
    await page.getByLabel('Kortnummer').fill(cardNumber);
    await page.getByLabel('Udløbsdato (MM/ÅÅ)').fill(expiry);
    await page.getByLabel('Sikkerhedskode (CVC)').fill('123');
  }

  it('the Nexi hosted payment page: form, field errors, a decline, then a paid redirect, all axe-clean', async () => {
    const { paymentId, hostedPaymentPageUrl } = await createPayment(sim, DEMO_NEXI_MERCHANT, {
      amount: 25000,
      returnUrl: `${shop.url}/retur`,
    });
    const page = await browser.newPage(PHONE);
    await page.goto(hostedPaymentPageUrl);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    expect(await page.locator('h1').textContent()).toContain('Betal 250,00');
    await expectNoAxeViolations(page, 'the hosted payment page');

    await page.getByRole('button', { name: /Betal/ }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.getByLabel('Kortnummer').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'the hosted payment page with field errors');

    await fillCard(page, TEST_CARDS.declined.number);
    expect(await page.locator('#card-brand').textContent()).toBe('Korttype: Visa');
    await page.getByRole('button', { name: /Betal/ }).click();
    await page.waitForSelector('#refusal');
    await expectNoAxeViolations(page, 'the hosted payment page after a decline');

    await fillCard(page, TEST_CARDS.dankort.number);
    await page.getByRole('button', { name: /Betal/ }).click();
    await page.waitForURL(/\/retur\?paymentid=/);
    expect(shop.visits).toEqual([`/retur?paymentid=${paymentId}`]);
    const view = await nexi<PaymentView>(sim, DEMO_NEXI_MERCHANT.secretKey, 'GET', `/v1/payments/${paymentId}`);
    expect(view.json.payment.summary).toEqual({ reservedAmount: 25000, chargedAmount: 25000 });

    await page.goto(hostedPaymentPageUrl);
    await expectNoAxeViolations(page, 'the page of a paid checkout');
  });

  it('the card registration page and the "Identisk Transaktion" refusal are axe-clean', async () => {
    const registration = await createPayment(sim, DEMO_NEXI_MERCHANT, { amount: 0, unscheduled: true });
    const page = await browser.newPage(PHONE);
    await page.goto(registration.hostedPaymentPageUrl);
    expect(await page.locator('h1').textContent()).toBe('Gem dit betalingskort');
    await expectNoAxeViolations(page, 'the card registration page');

    for (let attempt = 0; attempt < 2; attempt++) {
      const { hostedPaymentPageUrl } = await createPayment(sim, DEMO_NEXI_MERCHANT, {
        amount: 4321,
        returnUrl: `${shop.url}/x`,
      });
      await page.goto(hostedPaymentPageUrl);
      await fillCard(page, TEST_CARDS.mastercard.number);
      await page.getByRole('button', { name: /Betal/ }).click();
      await page.waitForLoadState();
    }
    expect(await page.locator('.refusal-text').textContent()).toBe('Identisk Transaktion');
    await expectNoAxeViolations(page, 'the "Identisk Transaktion" refusal');
  });

  it('the MobilePay landing page: "Godkend" returns to the shop, axe-clean', async () => {
    const mp = new MobilePayTestClient(sim, DEMO_MOBILEPAY_MERCHANT);
    await mp.authenticate();
    const created = await mp.api<{ redirectUrl: string }>('POST', '/epayment/v1/payments', {
      key: 'browser-1',
      body: { ...paymentBody('browser-test-0001', 10000), returnUrl: `${shop.url}/mobilepay-retur` },
    });
    expect(created.status).toBe(201);
    const page = await browser.newPage(PHONE);
    await page.goto(created.json.redirectUrl);
    await expectNoAxeViolations(page, 'the MobilePay landing page');
    await page.getByRole('button', { name: 'Godkend' }).click();
    await page.waitForURL(/mobilepay-retur/);
    await page.goto(created.json.redirectUrl);
    expect(await page.locator('main').textContent()).toContain('Betalingen er godkendt.');
    await expectNoAxeViolations(page, 'the page of an answered MobilePay payment');
  });
});
