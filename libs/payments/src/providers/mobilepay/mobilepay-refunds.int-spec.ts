import { randomBytes, randomUUID } from 'node:crypto';
import { startGatewaySim, type RunningGatewaySim } from '../../../../../apps/gateway-sim/src/gateway-sim';
import { ProviderRejectedError, ProviderUnavailableError } from '../../gateway/payment-gateway';
import { answerOnPhone } from '@kk/testing';
import { MobilePayProvider } from './mobilepay-provider';

// MobilePay's refunds through the adapter against the gateway stand-in over real HTTP: the
// refund's Idempotency-Key is our refund's id, so the same refund sent twice refunds once.

const MERCHANT = {
  clientId: 'kantinekort-refund-spec',
  clientSecret: 'client-secret-for-the-refund-spec',
  subscriptionKey: '1f2e3d4c5b6a79889796a5b4c3d2e1f0',
  merchantSerialNumber: '765433',
};

let sim: RunningGatewaySim;
let mobilePay: MobilePayProvider;

function hostedRequest(amount: number) {
  const reference = `dep-${randomBytes(8).toString('hex')}`;
  return {
    reference,
    amount,
    description: 'Indbetaling på Gladsaxekortet',
    returnUrl: `https://gladsaxekortet.example.dk/indbetal/retur?ref=${reference}`,
    cancelUrl: 'https://gladsaxekortet.example.dk/indbetal/annulleret',
    termsUrl: 'https://gladsaxekortet.example.dk/vilkaar',
    storeCard: false,
    webhookUrl: 'https://gladsaxekortet.example.dk/webhooks/mobilepay',
  };
}

/** A payment the phone approved; captured unless told otherwise. */
async function approvedPayment(amount: number, capture = true): Promise<string> {
  const request = hostedRequest(amount);
  const created = await mobilePay.createHostedPayment(request);
  expect((await answerOnPhone(created.redirectUrl, 'approve')).status).toBe(303);
  if (capture) await mobilePay.capture(request.reference, amount);
  return request.reference;
}

const refundsAtSim = (reference: string) =>
  sim.controls
    .ledger()
    .refunds.filter((refund) => refund.payment === reference)
    .map((refund) => refund.amount);

const refundRequest = (providerPaymentId: string, amount: number, reference: string = randomUUID()) => ({
  providerPaymentId,
  refundTarget: providerPaymentId,
  amount,
  reference,
  description: 'Tilbagebetaling',
});

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0, mobilePayMerchants: [MERCHANT] });
  mobilePay = new MobilePayProvider({ baseUrl: sim.url, ...MERCHANT, webhookSecret: 'unused-in-this-spec' });
});

afterAll(async () => {
  await sim.stop();
});

describe('MobilePayProvider refunds against the gateway sim', () => {
  it('reads what was captured and refunded, and refunds part of it', async () => {
    const reference = await approvedPayment(27_500);
    await expect(mobilePay.readRefunds(reference)).resolves.toEqual({
      chargedAmount: 27_500,
      refundedAmount: 0,
      refundTarget: reference,
    });
    await expect(mobilePay.refund(refundRequest(reference, 7_500))).resolves.toEqual({});
    await expect(mobilePay.readRefunds(reference)).resolves.toMatchObject({ refundedAmount: 7_500 });
    expect(refundsAtSim(reference)).toEqual([7_500]);
  });

  it('refunds once for one refund however often it is sent, and again for another', async () => {
    const reference = await approvedPayment(10_000);
    const refund = refundRequest(reference, 4_000);
    await mobilePay.refund(refund);
    await mobilePay.refund(refund);
    expect(refundsAtSim(reference)).toEqual([4_000]);
    await mobilePay.refund(refundRequest(reference, 4_000));
    expect(refundsAtSim(reference)).toEqual([4_000, 4_000]);
    await expect(mobilePay.readRefunds(reference)).resolves.toMatchObject({ refundedAmount: 8_000 });
  });

  it('refuses more than is left, and a payment not captured', async () => {
    const reference = await approvedPayment(5_000);
    const tooMuch = await mobilePay.refund(refundRequest(reference, 5_001)).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(ProviderRejectedError);
    expect(tooMuch).toMatchObject({ provider: 'mobilepay', status: 400 });
    const authorizedOnly = await approvedPayment(5_000, false);
    await expect(mobilePay.readRefunds(authorizedOnly)).resolves.toMatchObject({ chargedAmount: 0 });
    await expect(mobilePay.refund(refundRequest(authorizedOnly, 100))).rejects.toMatchObject({ status: 409 });
    expect([...refundsAtSim(reference), ...refundsAtSim(authorizedOnly)]).toEqual([]);
    await expect(mobilePay.refund(refundRequest(reference, 100, 'x'.repeat(51)))).rejects.toBeInstanceOf(RangeError);
  });

  it('tells an outage from a refusal', async () => {
    const nowhere = new MobilePayProvider({
      baseUrl: 'http://127.0.0.1:9',
      ...MERCHANT,
      webhookSecret: 'unused-in-this-spec',
      timeoutMs: 2000,
    });
    await expect(nowhere.readRefunds('dep-nowhere-0001')).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(mobilePay.readRefunds('dep-unknown-0001')).rejects.toMatchObject({ status: 404 });
  });
});
