import { randomBytes } from 'node:crypto';
import { startGatewaySim, type RunningGatewaySim } from '../../../../../apps/gateway-sim/src/gateway-sim';
import { ProviderRejectedError, ProviderUnavailableError } from '../../gateway/payment-gateway';
import { submitHostedPage, WebhookReceiver } from '@kk/testing';
import { NexiProvider } from './nexi-provider';
import { parseNexiWebhook, verifyNexiWebhook } from './nexi-webhook';

// The adapter against the gateway stand-in over real HTTP: the hosted page is paid by posting
// its form as a browser would, and the sim's own ledger says how often money moved.

const MERCHANT = { merchantId: 100077001, secretKey: 'test-secret-key-aa11bb22cc33dd44ee55ff6677889900' };
const WEBHOOK_AUTHORIZATION = 'KantinekortNexi2025';
const VISA = { holderName: 'Mette Sørensen', cardNumber: '4925 0000 0000 0004', expiry: '12/30', cvc: '123' };
const MASTERCARD = { ...VISA, cardNumber: '5213199803453465' };

let sim: RunningGatewaySim;
let receiver: WebhookReceiver;
let hookUrl: string;
let nexi: NexiProvider;

function reference(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

function hostedRequest(overrides: { amount: number; storeCard?: boolean; reference?: string }) {
  return {
    reference: overrides.reference ?? reference('dep'),
    amount: overrides.amount,
    description: 'Indbetaling på Gladsaxekortet',
    returnUrl: 'https://gladsaxekortet.example.dk/indbetal/retur',
    cancelUrl: 'https://gladsaxekortet.example.dk/indbetal/annulleret',
    termsUrl: 'https://gladsaxekortet.example.dk/vilkaar',
    storeCard: overrides.storeCard ?? false,
    webhookUrl: hookUrl,
  };
}

async function chargesOf(paymentId: string) {
  const response = await fetch(`${sim.url}/_sim/ledger`);
  const ledger = (await response.json()) as { charges: { provider: string; payment: string; amount: number }[] };
  return ledger.charges.filter((charge) => charge.provider === 'nexi' && charge.payment === paymentId);
}

async function setStoredCardState(storedCardId: string, state: 'ok' | 'expired' | 'blocked' | 'no_funds') {
  const response = await fetch(`${sim.url}/_sim/nexi/unscheduled-subscriptions/${storedCardId}/card-state`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state }),
  });
  expect(response.status).toBe(200);
}

/** A card on file, registered as a parent would: amount 0 on the hosted page. */
async function registerCard(card = MASTERCARD): Promise<string> {
  const registration = await nexi.createHostedPayment(hostedRequest({ amount: 0, storeCard: true }));
  const paid = await submitHostedPage(registration.redirectUrl, card);
  expect(paid.status).toBe(303);
  const state = await nexi.readPayment(registration.providerPaymentId);
  if (state.status !== 'completed' || !state.card?.storedCardId) throw new Error('the card was not stored');
  return state.card.storedCardId;
}

function chargeRequest(storedCardId: string, amount: number, chargeReference = reference('top')) {
  return {
    storedCardId,
    amount,
    reference: chargeReference,
    description: 'Automatisk optankning',
    webhookUrl: hookUrl,
  };
}

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0, nexiMerchants: [MERCHANT] });
  receiver = await new WebhookReceiver().start();
  hookUrl = receiver.url('/webhooks/nexi/gladsaxe');
  nexi = new NexiProvider({
    baseUrl: sim.url,
    secretKey: MERCHANT.secretKey,
    webhookAuthorization: WEBHOOK_AUTHORIZATION,
    chargePoll: { attempts: 3, intervalMs: 50 },
  });
});

afterAll(async () => {
  await sim.stop();
  await receiver.stop();
});

describe('NexiProvider against the gateway sim', () => {
  it('creates a hosted payment, which the payer pays on the page, and reads it completed with the card', async () => {
    const request = hostedRequest({ amount: 15000 });
    const payment = await nexi.createHostedPayment(request);
    expect(payment.providerPaymentId).toMatch(/^[0-9a-f]{32}$/);
    expect(payment.redirectUrl.startsWith(sim.url)).toBe(true);
    await expect(nexi.readPayment(payment.providerPaymentId)).resolves.toEqual({ status: 'pending' });

    const paid = await submitHostedPage(payment.redirectUrl, VISA);
    expect(paid.status).toBe(303);
    const back = new URL(paid.location ?? '');
    expect(back.origin + back.pathname).toBe(request.returnUrl);
    expect(back.searchParams.get('paymentid')).toBe(payment.providerPaymentId);

    await expect(nexi.readPayment(payment.providerPaymentId)).resolves.toEqual({
      status: 'completed',
      chargedAmount: 15000,
      card: { maskedPan: '492500******0004', expiry: '1230', brand: 'Visa' },
    });
    // capture() is a no-op: the sim's ledger holds the one auto-charge and nothing more.
    await nexi.capture(payment.providerPaymentId, 15000);
    expect((await chargesOf(payment.providerPaymentId)).map((charge) => charge.amount)).toEqual([15000]);
  });

  it('keeps a payment pending while the payer’s card is declined on the page', async () => {
    const payment = await nexi.createHostedPayment(hostedRequest({ amount: 4200 }));
    const refused = await submitHostedPage(payment.redirectUrl, { ...VISA, cardNumber: '4000000000009995' });
    expect(refused.status).toBe(402);
    await expect(nexi.readPayment(payment.providerPaymentId)).resolves.toEqual({ status: 'pending' });
  });

  it('registers a card with amount 0 and gives its stored card id', async () => {
    const registration = await nexi.createHostedPayment(hostedRequest({ amount: 0, storeCard: true }));
    expect((await submitHostedPage(registration.redirectUrl, VISA)).status).toBe(303);
    const state = await nexi.readPayment(registration.providerPaymentId);
    expect(state).toMatchObject({
      status: 'completed',
      chargedAmount: 0,
      card: { maskedPan: '492500******0004', expiry: '1230', brand: 'Visa', storedCardId: expect.any(String) },
    });
    expect(await chargesOf(registration.providerPaymentId)).toEqual([]);
  });

  it('charges a stored card, once per reference however often it is asked', async () => {
    const storedCardId = await registerCard();
    const request = chargeRequest(storedCardId, 20000);
    const first = await nexi.charge(request);
    expect(first).toEqual({
      status: 'succeeded',
      providerPaymentId: expect.stringMatching(/^[0-9a-f]{32}$/),
      chargeId: expect.any(String),
      amount: 20000,
    });
    const again = await nexi.charge(request);
    expect(again).toEqual(first);
    if (first.status !== 'succeeded') throw new Error('unreachable');
    expect((await chargesOf(first.providerPaymentId)).map((charge) => charge.amount)).toEqual([20000]);
    await expect(nexi.readPayment(first.providerPaymentId)).resolves.toMatchObject({
      status: 'completed',
      chargedAmount: 20000,
    });

    // Another reference is another charge.
    const second = await nexi.charge(chargeRequest(storedCardId, 20000));
    expect(second).toMatchObject({ status: 'succeeded' });
    expect(second).not.toEqual(first);
  });

  it.each([
    ['expired', 'card_expired'],
    ['blocked', 'card_blocked'],
    ['no_funds', 'no_funds'],
  ] as const)('maps a stored card that is %s to %s', async (cardState, failure) => {
    const storedCardId = await registerCard();
    await setStoredCardState(storedCardId, cardState);
    const state = await nexi.charge(chargeRequest(storedCardId, 10000));
    expect(state).toEqual({ status: 'failed', failure, detail: expect.any(String) });

    await setStoredCardState(storedCardId, 'ok');
    await expect(nexi.charge(chargeRequest(storedCardId, 10000))).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('declines a charge of a card Nexi does not know', async () => {
    await expect(nexi.charge(chargeRequest('0'.repeat(32), 10000))).resolves.toMatchObject({
      status: 'failed',
      failure: 'declined',
    });
  });

  it('receives the payment’s webhooks with our authorization, which verify and parse', async () => {
    receiver.received.length = 0;
    const payment = await nexi.createHostedPayment(hostedRequest({ amount: 15500 }));
    await submitHostedPage(payment.redirectUrl, MASTERCARD);
    await sim.controls.whenWebhooksIdle();

    const events = receiver.received.map((webhook) => {
      expect(webhook.method).toBe('POST');
      expect(verifyNexiWebhook(webhook.headers.authorization, WEBHOOK_AUTHORIZATION)).toBe(true);
      expect(verifyNexiWebhook(webhook.headers.authorization, 'KantinekortNexi2026')).toBe(false);
      const parsed = parseNexiWebhook(webhook.rawBody);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.event;
    });
    expect(events.map((event) => event.event)).toEqual(
      expect.arrayContaining(['payment.checkout.completed', 'payment.charge.created.v2']),
    );
    expect(events.every((event) => event.paymentId === payment.providerPaymentId)).toBe(true);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    expect(events.find((event) => event.event === 'payment.charge.created.v2')?.chargeId).toEqual(expect.any(String));
  });

  it('tells a refusal from an outage', async () => {
    const unknown = await nexi.readPayment('f'.repeat(32)).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(ProviderRejectedError);
    expect(unknown).toMatchObject({ provider: 'nexi', status: 404 });

    const wrongKey = new NexiProvider({
      baseUrl: sim.url,
      secretKey: 'test-secret-key-00000000000000000000000000000000',
      webhookAuthorization: WEBHOOK_AUTHORIZATION,
    });
    const refused = await wrongKey.createHostedPayment(hostedRequest({ amount: 100 })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProviderRejectedError);
    expect(refused).toMatchObject({ status: 401 });
    expect(String((refused as Error).message)).not.toContain('test-secret-key');

    const invalid = await nexi
      .createHostedPayment({ ...hostedRequest({ amount: 100 }), termsUrl: 'not a url' })
      .catch((error: unknown) => error);
    expect(invalid).toMatchObject({ status: 400, message: expect.stringContaining('checkout.termsUrl') });

    const nowhere = new NexiProvider({
      baseUrl: 'http://127.0.0.1:9',
      secretKey: MERCHANT.secretKey,
      webhookAuthorization: WEBHOOK_AUTHORIZATION,
      timeoutMs: 2000,
    });
    await expect(nowhere.readPayment('f'.repeat(32))).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});
