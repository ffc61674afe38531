import type { DataSource } from 'typeorm';
import { inTenant, syncTenants } from '@kk/database';
import { postTransaction, systemAccountId } from '@kk/ledger';
import type { TenantConfig } from '@kk/tenancy';
import {
  completedDeposit,
  gladsaxeCardNumber,
  openAdminClient,
  openAppDataSource,
  parentWithAgreement,
  paymentsLedger,
  refundsOfPayment,
  repoTenantCopy,
  startPaymentsTestContext,
  testCheckout,
  testPaymentEnv,
  topUpPayments,
  withGateway,
  type CompletedDeposit,
  type LibTestContext,
} from '@kk/testing';
import { startGatewaySim, type RunningGatewaySim } from '../../../../apps/gateway-sim/src/main';
import { ConfiguredPaymentProviders } from '../gateway/configured-payment-providers';
import { PaymentReconciliation } from '../reconciliation/payment-reconciliation';
import { TopUpCharger } from '../top-up/top-up-charger';
import { PaymentRefunds, type RefundRequestOutcome } from './payment-refunds.service';

/**
 * Refunds against the gateway stand-in and the real database: the money leaves the wallet
 * before the provider is asked, the provider refunds it exactly once however the attempt is
 * repeated or its answer lost, a refusal gives the money back, and after every test our books
 * and the stand-in's agree payment by payment.
 */
let sim: RunningGatewaySim;
let ds: DataSource;
let lib: LibTestContext;
/** The same tenants with their providers at an address where nothing answers. */
let offline: LibTestContext;
let school: TenantConfig;
let municipality: TenantConfig;
/** A tenant whose merchant also refunds in the provider's own portal: left out of the afterEach check. */
let outside: TenantConfig;
let refunds: PaymentRefunds;

const LATER = () => new Date(Date.now() + 3 * 60_000);

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0 });
  ds = await openAppDataSource(8);
  school = withGateway(repoTenantCopy('sctibs'), sim.url);
  municipality = withGateway(repoTenantCopy('gladsaxe'), sim.url);
  outside = withGateway(repoTenantCopy('sctibs'), sim.url);
  const tenants = [school, municipality, outside];
  await syncTenants(
    ds,
    tenants.map((t) => ({ slug: t.slug, name: t.displayName })),
  );
  lib = await startPaymentsTestContext(ds, tenants);
  offline = await startPaymentsTestContext(
    ds,
    tenants.map((t) => withGateway(t, 'http://127.0.0.1:9')),
  );
  refunds = lib.get(PaymentRefunds);
});

afterAll(async () => {
  await offline?.close();
  await lib?.close();
  await sim?.stop();
  if (ds?.isInitialized) await ds.destroy();
});

afterEach(async () => {
  const ledger = await paymentsLedger(ds, [school.slug, municipality.slug], sim.controls.ledger());
  expect(ledger.problems).toEqual([]);
  expect(ledger.pendingRefundOre).toBe(0);
});

const balanceOf = async (accountId: string) =>
  (await paymentsLedger(ds, [school.slug, municipality.slug])).balanceOf(accountId);
const refundedAtProvider = (providerPaymentId: string) =>
  sim.controls
    .ledger()
    .refunds.filter((refund) => refund.payment === providerPaymentId)
    .map((refund) => refund.amount);

const nexiDeposit = (kroner: string) => completedDeposit(lib, ds, school, { kroner });
const mobilePayDeposit = (kroner: string) =>
  completedDeposit(lib, ds, municipality, { kroner, method: 'mobilepay', cardNumber: gladsaxeCardNumber() });

function requested(outcome: RefundRequestOutcome) {
  if (outcome.kind !== 'requested') throw new Error(`expected a refund, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('a refund of a Nexi deposit', () => {
  it('pays it all back to the card, once, and takes it off the wallet', async () => {
    const deposit = await nexiDeposit('300');
    const outcome = requested(await refunds.request(school.slug, deposit.paymentId, 30_000, 'Kontoret (Mette)'));
    expect(outcome).toMatchObject({ balance: 0, refund: { amount: 30_000, status: 'completed' } });
    expect(outcome.pendingReason).toBeUndefined();
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([30_000]);
    const [row] = await refundsOfPayment(ds, school.slug, deposit.paymentId);
    expect(row).toMatchObject({
      status: 'completed',
      requestedBy: 'Kontoret (Mette)',
      providerRefundId: expect.any(String),
    });
    expect(await balanceOf(deposit.person.accountId)).toBe(0);
  });

  it('pays part back, then the rest, and then refuses even one øre more', async () => {
    const deposit = await nexiDeposit('300');
    expect(requested(await refunds.request(school.slug, deposit.paymentId, 12_050, 'ops'))).toMatchObject({
      balance: 17_950,
      refund: { status: 'completed' },
    });
    expect(requested(await refunds.request(school.slug, deposit.paymentId, 17_950, 'ops')).balance).toBe(0);
    expect(await refunds.request(school.slug, deposit.paymentId, 1, 'ops')).toEqual({
      kind: 'exceedsRefundable',
      refundable: 0,
    });
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([12_050, 17_950]);
  });

  it('refuses more than was paid, and changes nothing', async () => {
    const deposit = await nexiDeposit('100');
    expect(await refunds.request(school.slug, deposit.paymentId, 10_001, 'ops')).toEqual({
      kind: 'exceedsRefundable',
      refundable: 10_000,
    });
    expect(await refundsOfPayment(ds, school.slug, deposit.paymentId)).toEqual([]);
    expect(await balanceOf(deposit.person.accountId)).toBe(10_000);
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([]);
  });

  it('refuses what the wallet no longer holds (the pupil spent it), and changes nothing', async () => {
    const deposit = await nexiDeposit('100');
    const checkout = await testCheckout(ds, school);
    expect((await checkout.buy(deposit.person, 6_000)).status).toBe('approved');
    expect(await refunds.request(school.slug, deposit.paymentId, 10_000, 'ops')).toEqual({
      kind: 'walletSpent',
      balance: 4_000,
    });
    expect(await refundsOfPayment(ds, school.slug, deposit.paymentId)).toEqual([]);
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([]);
    // What is left can go back.
    expect(requested(await refunds.request(school.slug, deposit.paymentId, 4_000, 'ops')).balance).toBe(0);
  });

  it('refuses what is no completed deposit or top-up, an unknown id and a bad amount', async () => {
    const deposit = await nexiDeposit('100');
    const stranger = await refunds.request(municipality.slug, deposit.paymentId, 100, 'ops');
    expect(stranger).toEqual({ kind: 'noSuchPayment' });
    expect(await refunds.request(school.slug, 'not-a-uuid', 100, 'ops')).toEqual({ kind: 'noSuchPayment' });
    expect(await refunds.request(school.slug, deposit.paymentId, 0, 'ops')).toEqual({ kind: 'invalidAmount' });
    expect(await refunds.request(school.slug, deposit.paymentId, 1.5, 'ops')).toEqual({ kind: 'invalidAmount' });
    expect(await refunds.request(school.slug, deposit.paymentId, 100, '  ')).toEqual({ kind: 'invalidRequester' });
    const parent = await parentWithAgreement(lib, ds, school, { balance: 0 });
    const [registration] = await inTenant(ds, school.slug, (tx) =>
      tx.query<{ id: string }>(`SELECT id FROM payments WHERE tenant_id = $1 AND account_id = $2`, [
        school.slug,
        parent.person.accountId,
      ]),
    );
    expect(await refunds.request(school.slug, registration?.id ?? '', 100, 'ops')).toEqual({
      kind: 'notRefundable',
      purpose: 'card_registration',
      status: 'completed',
    });
    expect(await refundsOfPayment(ds, school.slug, deposit.paymentId)).toEqual([]);
  });

  it('lets only one of two refunds asked at the same moment through', async () => {
    const deposit = await nexiDeposit('200');
    const outcomes = await Promise.all([
      refunds.request(school.slug, deposit.paymentId, 20_000, 'a'),
      refunds.request(school.slug, deposit.paymentId, 20_000, 'b'),
    ]);
    expect(outcomes.filter((outcome) => outcome.kind === 'requested')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.kind !== 'requested')?.kind).toMatch(
      /^(refundPending|exceedsRefundable)$/,
    );
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([20_000]);
  });
});

describe('a refund of a MobilePay deposit (gladsaxe)', () => {
  it('pays part back and then the rest, each once', async () => {
    const deposit = await mobilePayDeposit('275');
    expect(requested(await refunds.request(municipality.slug, deposit.paymentId, 7_500, 'ops'))).toMatchObject({
      balance: 20_000,
      refund: { status: 'completed' },
    });
    expect(requested(await refunds.request(municipality.slug, deposit.paymentId, 20_000, 'ops')).balance).toBe(0);
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([7_500, 20_000]);
  });
});

describe('a refund of an automatic top-up', () => {
  it('pays the top-up back to the stored card', async () => {
    const parent = await parentWithAgreement(lib, ds, school, { balance: 6_000, amount: '200' });
    const checkout = await testCheckout(ds, school);
    await checkout.buy(parent.person, 2_000);
    const events = await inTenant(ds, school.slug, (tx) =>
      tx.query<{ id: string; payload: { accountId: string; purchaseId: string; balance: number } }>(
        `SELECT id, payload FROM outbox WHERE tenant_id = $1 AND topic = 'wallet.low_balance' AND payload->>'accountId' = $2`,
        [school.slug, parent.person.accountId],
      ),
    );
    for (const event of events) await lib.get(TopUpCharger).onLowBalance(school.slug, event.id, event.payload);
    const topUp = (await topUpPayments(ds, school.slug)).find((p) => p.accountId === parent.person.accountId);
    expect(topUp).toMatchObject({ status: 'completed', amount: 20_000 });
    const outcome = requested(await refunds.request(school.slug, topUp?.id ?? '', 20_000, 'ops'));
    expect(outcome).toMatchObject({ balance: 4_000, refund: { status: 'completed' } });
    const refundsOfCard = sim.controls
      .ledger()
      .refunds.filter((r) => r.unscheduledSubscriptionId === parent.storedCardId);
    expect(refundsOfCard.map((r) => r.amount)).toEqual([20_000]);
  });
});

describe('when the provider does not answer, or its answer is lost', () => {
  it('stays pending with the money out of the wallet, refuses a second, and the reconciliation completes it once', async () => {
    const deposit = await nexiDeposit('150');
    const first = requested(await offline.get(PaymentRefunds).request(school.slug, deposit.paymentId, 5_000, 'ops'));
    expect(first).toMatchObject({
      balance: 10_000,
      pendingReason: 'providerUnavailable',
      refund: { status: 'pending' },
    });
    expect(await refunds.request(school.slug, deposit.paymentId, 1_000, 'ops')).toEqual({
      kind: 'refundPending',
      refundId: first.refund.refundId,
    });
    // A refund just tried is left alone for a while.
    await lib.get(PaymentReconciliation).runOnce(new Date());
    expect((await refundsOfPayment(ds, school.slug, deposit.paymentId)).map((r) => r.status)).toEqual(['pending']);
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([]);
    expect(await balanceOf(deposit.person.accountId)).toBe(10_000);
    const passes = await Promise.all([
      lib.get(PaymentReconciliation).runOnce(LATER()),
      lib.get(PaymentReconciliation).runOnce(LATER()),
      refunds.send(school.slug, first.refund.refundId),
    ]);
    expect(passes).toHaveLength(3);
    expect((await refundsOfPayment(ds, school.slug, deposit.paymentId)).map((r) => r.status)).toEqual(['completed']);
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([5_000]);
    await lib.get(PaymentReconciliation).runOnce(LATER());
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([5_000]);
    expect(await balanceOf(deposit.person.accountId)).toBe(10_000);
  });

  it.each([['Nexi', nexiDeposit, () => school] as const, ['MobilePay', mobilePayDeposit, () => municipality] as const])(
    'completes a %s refund the provider made before we could record it, without a second',
    async (_, pay, tenantOf) => {
      const tenant = tenantOf();
      const deposit: CompletedDeposit = await pay('120');
      const pending = requested(
        await offline.get(PaymentRefunds).request(tenant.slug, deposit.paymentId, 12_000, 'ops'),
      );
      expect(pending.refund.status).toBe('pending');
      // What our attempt did at the provider before the process died: the refund, with our reference.
      const providers = new ConfiguredPaymentProviders([tenant], testPaymentEnv([tenant]), true);
      const provider = providers.provider(tenant, tenant === school ? 'nexi' : 'mobilepay');
      const seen = await provider.readRefunds(deposit.providerPaymentId);
      await provider.refund({
        providerPaymentId: deposit.providerPaymentId,
        refundTarget: seen.refundTarget ?? '',
        amount: 12_000,
        reference: pending.refund.refundId,
        description: 'Tilbagebetaling',
      });
      const resumed = await refunds.send(tenant.slug, pending.refund.refundId);
      expect(resumed.refund.status).toBe('completed');
      expect(await refunds.send(tenant.slug, pending.refund.refundId)).toEqual({ refund: resumed.refund });
      expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([12_000]);
      expect(await balanceOf(deposit.person.accountId)).toBe(0);
    },
  );
});

describe('when the provider refuses', () => {
  it('fails the refund and gives the wallet its money back, in one transaction', async () => {
    // Nexi charged 100 kr. while our row asks 150 (the settlement credits what was charged,
    // and the office paid in 50 kr. cash): Nexi refuses a refund of 150 kr. on a 100 kr. charge.
    const deposit = await nexiDeposit('100');
    const admin = await openAdminClient();
    try {
      await admin.query(`UPDATE payments SET amount = 15000 WHERE tenant_id = $1 AND id = $2`, [
        school.slug,
        deposit.paymentId,
      ]);
    } finally {
      await admin.end();
    }
    await inTenant(ds, school.slug, async (tx) => {
      await postTransaction(tx, {
        kind: 'cash_deposit',
        idempotencyKey: `cash:${deposit.paymentId}`,
        postings: [
          { ledgerAccountId: deposit.person.accountId, amount: 5_000 },
          { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -5_000 },
        ],
      });
    });
    const outcome = requested(await refunds.request(school.slug, deposit.paymentId, 15_000, 'ops'));
    expect(outcome).toMatchObject({
      balance: 15_000,
      refund: { status: 'failed', failure: expect.stringContaining('Nexi refused') },
    });
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([]);
    // A failed refund takes nothing, so the rest is still refundable.
    expect(requested(await refunds.request(school.slug, deposit.paymentId, 10_000, 'ops')).refund.status).toBe(
      'completed',
    );
  });
});

describe("when the provider's figures fit nothing we know", () => {
  it('leaves the refund pending for an operator, and neither sends it nor gives the money back', async () => {
    const deposit = await completedDeposit(lib, ds, outside, { kroner: '200' });
    // The merchant refunded 30 kr. in Nexi's own portal: our books know nothing of it.
    const nexi = new ConfiguredPaymentProviders([outside], testPaymentEnv([outside]), true).provider(outside, 'nexi');
    const seen = await nexi.readRefunds(deposit.providerPaymentId);
    await nexi.refund({
      providerPaymentId: deposit.providerPaymentId,
      refundTarget: seen.refundTarget ?? '',
      amount: 3_000,
      reference: 'portal-refund',
      description: 'Refunderet i portalen',
    });
    const outcome = requested(await refunds.request(outside.slug, deposit.paymentId, 5_000, 'ops'));
    expect(outcome).toMatchObject({
      pendingReason: 'needsOperator',
      detail: expect.stringContaining('refunded 3000 øre'),
      refund: { status: 'pending' },
      balance: 15_000,
    });
    await lib.get(PaymentReconciliation).runOnce(LATER());
    expect((await refundsOfPayment(ds, outside.slug, deposit.paymentId)).map((r) => r.status)).toEqual(['pending']);
    expect(refundedAtProvider(deposit.providerPaymentId)).toEqual([3_000]);
    // The books against the provider's say so too.
    const ledger = await paymentsLedger(ds, [outside.slug], sim.controls.ledger());
    expect(ledger.problems).toEqual([expect.stringContaining('refunded 3000')]);
    expect(ledger.pendingRefundOre).toBe(5_000);
  });
});

describe('the database, whatever the code does', () => {
  it('refuses a refund beyond the payment and a change to a final refund', async () => {
    const deposit = await nexiDeposit('100');
    const insert = (amount: number) =>
      inTenant(ds, school.slug, (tx) =>
        tx.query(
          `INSERT INTO payment_refunds (tenant_id, id, payment_id, amount, status, requested_by, transaction_id)
           VALUES ($1, gen_random_uuid(), $2, $3, 'pending', 'sql', gen_random_uuid())`,
          [school.slug, deposit.paymentId, amount],
        ),
      );
    await expect(insert(10_001)).rejects.toThrow(/exceed the payment/);
    const done = requested(await refunds.request(school.slug, deposit.paymentId, 10_000, 'ops'));
    await expect(
      inTenant(ds, school.slug, (tx) =>
        tx.query(`UPDATE payment_refunds SET status = 'pending', settled_at = NULL WHERE tenant_id = $1 AND id = $2`, [
          school.slug,
          done.refund.refundId,
        ]),
      ),
    ).rejects.toThrow(/is final/);
  });
});
