import { randomBytes } from 'node:crypto';
import { startGatewaySim, type RunningGatewaySim } from '../../../../../apps/gateway-sim/src/gateway-sim';
import { ProviderRejectedError, ProviderUnavailableError } from '../../gateway/payment-gateway';
import { payOnHostedPage, submitHostedPage, uniqueVisa } from '@kk/testing';
import { NexiProvider } from './nexi-provider';

// Nexi's refunds through the adapter against the gateway stand-in over real HTTP: what
// readRefunds says before and after, and that a refund, unlike a bulk charge, has no key that
// makes it safe to repeat (which is why the refund rules read before every attempt).

const MERCHANT = { merchantId: 100077002, secretKey: 'test-secret-key-11aa22bb33cc44dd55ee66ff77889900' };
const WEBHOOK_AUTHORIZATION = 'KantinekortNexiRefund';

let sim: RunningGatewaySim;
let nexi: NexiProvider;

const reference = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

function hostedRequest(amount: number, storeCard = false) {
  return {
    reference: reference('dep'),
    amount,
    description: 'Indbetaling på Sct. Ibs',
    returnUrl: 'https://sctibs.example.dk/indbetal/retur',
    cancelUrl: 'https://sctibs.example.dk/indbetal/annulleret',
    termsUrl: 'https://sctibs.example.dk/vilkaar',
    storeCard,
    webhookUrl: 'https://sctibs.example.dk/webhooks/nexi',
  };
}

/** A hosted payment the payer paid with a card of its own: its paymentId. */
async function paidPayment(amount: number): Promise<string> {
  const payment = await nexi.createHostedPayment(hostedRequest(amount));
  expect((await payOnHostedPage(payment.redirectUrl, { cardNumber: uniqueVisa() })).status).toBe(303);
  return payment.providerPaymentId;
}

const refundsAtSim = (paymentId: string) =>
  sim.controls
    .ledger()
    .refunds.filter((refund) => refund.payment === paymentId)
    .map((refund) => refund.amount);

const refundRequest = (providerPaymentId: string, refundTarget: string, amount: number) => ({
  providerPaymentId,
  refundTarget,
  amount,
  reference: reference('refund'),
  description: 'Tilbagebetaling',
});

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0, nexiMerchants: [MERCHANT] });
  nexi = new NexiProvider({
    baseUrl: sim.url,
    secretKey: MERCHANT.secretKey,
    webhookAuthorization: WEBHOOK_AUTHORIZATION,
    chargePoll: { attempts: 3, intervalMs: 50 },
  });
});

afterAll(async () => {
  await sim.stop();
});

describe('NexiProvider refunds against the gateway sim', () => {
  it('reads the one charge, refunds part of it against that charge, and reads the refund back', async () => {
    const paymentId = await paidPayment(15_000);
    const before = await nexi.readRefunds(paymentId);
    expect(before).toEqual({ chargedAmount: 15_000, refundedAmount: 0, refundTarget: expect.any(String) });

    const refunded = await nexi.refund(refundRequest(paymentId, before.refundTarget ?? '', 4_000));
    expect(refunded).toEqual({ providerRefundId: expect.any(String) });
    await expect(nexi.readRefunds(paymentId)).resolves.toEqual({ ...before, refundedAmount: 4_000 });
    expect(refundsAtSim(paymentId)).toEqual([4_000]);
  });

  it('refunds again when asked again: Nexi has no idempotency key on refunds', async () => {
    const paymentId = await paidPayment(10_000);
    const { refundTarget } = await nexi.readRefunds(paymentId);
    const request = refundRequest(paymentId, refundTarget ?? '', 3_000);
    await nexi.refund(request);
    await nexi.refund(request);
    expect(refundsAtSim(paymentId)).toEqual([3_000, 3_000]);
    expect((await nexi.readRefunds(paymentId)).refundedAmount).toBe(6_000);
  });

  it('refuses more than is left of the charge, and a charge it does not know', async () => {
    const paymentId = await paidPayment(5_000);
    const { refundTarget } = await nexi.readRefunds(paymentId);
    const tooMuch = await nexi.refund(refundRequest(paymentId, refundTarget ?? '', 5_001)).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(ProviderRejectedError);
    expect(tooMuch).toMatchObject({ provider: 'nexi', status: 400 });
    const unknown = await nexi.refund(refundRequest(paymentId, 'f'.repeat(32), 100)).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ provider: 'nexi', status: 404 });
    expect(refundsAtSim(paymentId)).toEqual([]);
    await expect(nexi.refund(refundRequest(paymentId, refundTarget ?? '', 0))).rejects.toBeInstanceOf(RangeError);
  });

  it('shows nothing to refund against before the payer has paid', async () => {
    const payment = await nexi.createHostedPayment(hostedRequest(2_500));
    await expect(nexi.readRefunds(payment.providerPaymentId)).resolves.toEqual({
      chargedAmount: 0,
      refundedAmount: 0,
      refundTarget: undefined,
    });
  });

  it('refunds a stored-card charge (auto top-up) against the payment that charge made', async () => {
    const registration = await nexi.createHostedPayment(hostedRequest(0, true));
    expect(
      (
        await submitHostedPage(registration.redirectUrl, {
          holderName: 'Mette',
          cardNumber: uniqueVisa(),
          expiry: '12/39',
          cvc: '123',
        })
      ).status,
    ).toBe(303);
    const stored = await nexi.readPayment(registration.providerPaymentId);
    if (stored.status !== 'completed' || !stored.card?.storedCardId) throw new Error('no stored card');
    const charged = await nexi.charge({
      storedCardId: stored.card.storedCardId,
      amount: 20_000,
      reference: reference('top'),
      description: 'Automatisk optankning',
    });
    if (charged.status !== 'succeeded') throw new Error(`charge: ${charged.status}`);
    const seen = await nexi.readRefunds(charged.providerPaymentId);
    expect(seen).toEqual({ chargedAmount: 20_000, refundedAmount: 0, refundTarget: charged.chargeId });
    await nexi.refund(refundRequest(charged.providerPaymentId, charged.chargeId, 20_000));
    expect(refundsAtSim(charged.providerPaymentId)).toEqual([20_000]);
  });

  it('tells an outage from a refusal', async () => {
    const nowhere = new NexiProvider({
      baseUrl: 'http://127.0.0.1:9',
      secretKey: MERCHANT.secretKey,
      webhookAuthorization: WEBHOOK_AUTHORIZATION,
      timeoutMs: 2000,
    });
    await expect(nowhere.readRefunds('f'.repeat(32))).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(nowhere.refund(refundRequest('f'.repeat(32), 'c', 100))).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
    await expect(nexi.readRefunds('f'.repeat(32))).rejects.toMatchObject({ status: 404 });
  });
});
