import type { DataSource } from 'typeorm';
import { DEMO_PAYMENT_KEYS } from '@kk/config';
import { loginIdOf, type LoginCaller } from '@kk/identity';
import type { TenantConfig } from '@kk/tenancy';
import {
  createPerson,
  setCardStatus,
  openAppDataSource,
  payOnHostedPage,
  answerOnPhone,
  signUp,
  uniqueCardNumber,
  startPaymentsTestContext,
  WebhookReceiver,
  withGateway,
  repoTenantCopy,
  paymentsLedger,
  type LibTestContext,
  type TestPerson,
} from '@kk/testing';
import { inTenant, syncTenants } from '@kk/database';
import { startGatewaySim, TEST_CARDS, type RunningGatewaySim } from '../../../../apps/gateway-sim/src/main';
import type { PaymentPageUrls } from '../payment-page-urls';
import { PaymentReconciliation } from '../reconciliation/payment-reconciliation';
import { PaymentWebhooksService } from '../webhooks/payment-webhooks.service';
import { DepositService, type DepositStart } from './deposit.service';

/**
 * "Indbetal" against the gateway stand-in and the real database: the account is credited
 * exactly once per payment, whoever reports it and however often, and only on the
 * provider's word read from its API.
 */
let sim: RunningGatewaySim;
let receiver: WebhookReceiver;
let ds: DataSource;
let lib: LibTestContext;
let school: TenantConfig;
let municipality: TenantConfig;
let deposits: DepositService;

const urls = (hook: string): PaymentPageUrls => ({
  returnUrl: (id) => `https://portal.example/indbetalinger/${id}`,
  cancelUrl: (id) => `https://portal.example/indbetalinger/${id}?afbrudt=1`,
  termsUrl: 'https://portal.example/handelsbetingelser',
  webhookUrl: () => hook,
});

interface Parent {
  readonly caller: LoginCaller;
  readonly person: TestPerson;
}

/** A parent signed up for a new pupil (whose card is then blocked, if asked). */
async function parentOf(
  tenant: TenantConfig,
  options: { cardNumber?: string; blocked?: boolean } = {},
): Promise<Parent> {
  const person = await createPerson(ds, tenant.slug, { cardNumber: options.cardNumber });
  const { loginId } = await signUp(lib, tenant.slug, person);
  if (options.blocked) await setCardStatus(ds, tenant.slug, person.cardNumber, 'blocked');
  return { caller: { tenantId: tenant.slug, loginId: loginIdOf(loginId) }, person };
}

// Gladsaxe's cards are letters and digits; a digit run of the suite's own keeps them unique.
const uniqueGladsaxeCard = () => `GLX${uniqueCardNumber().slice(0, 12)}`;

const form = (amount: string, method = 'card') => ({
  method,
  amount,
  receiptEmail: 'mor@example.dk',
  termsAccepted: true,
  confirmRepeat: false,
});

function redirectOf(started: DepositStart): { paymentId: string; url: string } {
  if (started.kind !== 'redirect') throw new Error(`expected a redirect, got ${started.kind}`);
  return started;
}

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0, webhookRetryScheduleMs: [20, 40, 80] });
  receiver = await new WebhookReceiver().start();
  ds = await openAppDataSource(6);
  school = withGateway(repoTenantCopy('sctibs'), sim.url);
  municipality = withGateway(repoTenantCopy('gladsaxe'), sim.url);
  await syncTenants(
    ds,
    [school, municipality].map((t) => ({ slug: t.slug, name: t.displayName })),
  );
  lib = await startPaymentsTestContext(ds, [school, municipality]);
  deposits = lib.get(DepositService);
});

afterAll(async () => {
  await lib?.close();
  await receiver?.stop();
  await sim?.stop();
  if (ds?.isInitialized) await ds.destroy();
});

afterEach(async () => {
  const ledger = await paymentsLedger(ds, [school.slug, municipality.slug]);
  expect(ledger.problems).toEqual([]);
});

describe('a deposit by card', () => {
  it('credits the wallet once, when the parent is back, and queues the receipt', async () => {
    const { caller, person } = await parentOf(school);
    const started = redirectOf(
      await deposits.start(caller, school, person.accountId, form('300'), urls(receiver.url('/nexi'))),
    );
    expect((await deposits.status(caller, started.paymentId))?.status).toBe('pending');

    const paid = await payOnHostedPage(started.url, { cardNumber: TEST_CARDS.visa.number });
    expect(paid.status).toBe(303);
    expect(paid.location).toContain(`/indbetalinger/${started.paymentId}`);

    const seen = await Promise.all([1, 2, 3].map(() => deposits.status(caller, started.paymentId)));
    expect(seen.map((view) => view?.status)).toEqual(['completed', 'completed', 'completed']);
    const ledger = await paymentsLedger(ds, [school.slug]);
    expect(ledger.balanceOf(person.accountId)).toBe(30_000);
    expect(ledger.receiptsFor(started.paymentId)).toBe(1);
  });

  it('refuses a blocked card where the tenant says so, and takes it where it does not', async () => {
    const blockedThere = await parentOf(municipality, { blocked: true, cardNumber: uniqueGladsaxeCard() });
    expect(
      (await deposits.start(blockedThere.caller, municipality, blockedThere.person.accountId, form('300'), urls('x')))
        .kind,
    ).toBe('accountBlocked');
    const blockedHere = await parentOf(school, { blocked: true });
    const started = await deposits.start(
      blockedHere.caller,
      school,
      blockedHere.person.accountId,
      form('300'),
      urls(receiver.url('/nexi')),
    );
    expect(started.kind).toBe('redirect');
  });

  it("gives another login's account and payment no answer at all", async () => {
    const parent = await parentOf(school);
    const stranger = await parentOf(school);
    expect((await deposits.start(stranger.caller, school, parent.person.accountId, form('300'), urls('x'))).kind).toBe(
      'noSuchAccount',
    );
    const started = redirectOf(
      await deposits.start(parent.caller, school, parent.person.accountId, form('200'), urls(receiver.url('/nexi'))),
    );
    expect(await deposits.status(stranger.caller, started.paymentId)).toBeUndefined();
    expect(await deposits.recent(stranger.caller, parent.person.accountId)).toEqual([]);
  });

  it('asks before the same amount again within 10 minutes, and Nets refuses the same card and amount', async () => {
    const { caller, person } = await parentOf(school);
    const first = redirectOf(
      await deposits.start(caller, school, person.accountId, form('250'), urls(receiver.url('/nexi'))),
    );
    await payOnHostedPage(first.url, { cardNumber: TEST_CARDS.mastercard.number });
    await deposits.status(caller, first.paymentId);

    expect((await deposits.start(caller, school, person.accountId, form('250'), urls('x'))).kind).toBe('confirmRepeat');
    const again = redirectOf(
      await deposits.start(
        caller,
        school,
        person.accountId,
        { ...form('250'), confirmRepeat: true },
        urls(receiver.url('/nexi')),
      ),
    );
    const refused = await payOnHostedPage(again.url, { cardNumber: TEST_CARDS.mastercard.number });
    expect(refused.html).toContain('Identisk Transaktion');
    expect((await deposits.status(caller, again.paymentId))?.status).toBe('pending');
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(25_000);
  });

  it('says the provider is unavailable, takes nothing and leaves no open payment', async () => {
    const offline = withGateway(school, 'http://127.0.0.1:9');
    const { caller, person } = await parentOf(school);
    const started = await deposits.start(caller, offline, person.accountId, form('300'), urls('x'));
    expect(started.kind).toBe('providerUnavailable');
    const recent = await deposits.recent(caller, person.accountId);
    expect(recent.map((d) => d.status)).toEqual(['failed']);
  });
});

describe('"Annuller" on the provider\'s page (its cancel URL)', () => {
  it('ends the payment at Nexi: cancelled here, and the page can no longer be paid', async () => {
    const { caller, person } = await parentOf(school);
    const started = redirectOf(
      await deposits.start(caller, school, person.accountId, form('180'), urls(receiver.url('/nexi'))),
    );
    expect((await deposits.abandon(caller, school, started.paymentId))?.status).toBe('cancelled');
    await expect(payOnHostedPage(started.url, { cardNumber: TEST_CARDS.visa.number })).rejects.toThrow('410');
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(0);
  });

  it('leaves a payment that was paid after all as paid, and credits it once', async () => {
    const { caller, person } = await parentOf(school);
    const started = redirectOf(
      await deposits.start(caller, school, person.accountId, form('190'), urls(receiver.url('/nexi'))),
    );
    await payOnHostedPage(started.url, { cardNumber: TEST_CARDS.visa.number });
    expect((await deposits.abandon(caller, school, started.paymentId))?.status).toBe('completed');
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(19_000);
  });

  it('cancels a MobilePay payment the phone never answered', async () => {
    const { caller, person } = await parentOf(municipality, { cardNumber: uniqueGladsaxeCard() });
    const started = redirectOf(
      await deposits.start(caller, municipality, person.accountId, form('130', 'mobilepay'), urls('x')),
    );
    expect((await deposits.abandon(caller, municipality, started.paymentId))?.status).toBe('cancelled');
  });
});

describe('webhooks', () => {
  it('replayed 5 times and out of order, credit once; a wrong or missing secret changes nothing', async () => {
    const { caller, person } = await parentOf(school);
    receiver.clear();
    const started = redirectOf(
      await deposits.start(caller, school, person.accountId, form('400'), urls(receiver.url('/nexi'))),
    );
    await payOnHostedPage(started.url, { cardNumber: TEST_CARDS.dankort.number });
    await receiver.waitFor((got) => got.some((hook) => hook.json.event === 'payment.charge.created.v2'));

    const webhooks = lib.get(PaymentWebhooksService);
    const forged = receiver.received[0];
    const request = (hook: typeof forged, authorization?: string) => ({
      pathAndQuery: hook.path,
      host: 'portal.example',
      headers: { ...hook.headers, authorization },
      rawBody: hook.rawBody,
    });
    expect(await webhooks.receive(school, 'nexi', request(forged, 'not-the-secret'))).toBe('unauthenticated');
    expect(await webhooks.receive(school, 'nexi', request(forged, undefined))).toBe('unauthenticated');
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(0);

    const deliveries = [...receiver.received, ...receiver.received, ...receiver.received, ...receiver.received];
    deliveries.push(...receiver.received);
    deliveries.reverse();
    const outcomes = await Promise.all(
      deliveries.map((hook) =>
        webhooks.receive(school, 'nexi', request(hook, DEMO_PAYMENT_KEYS.nexiWebhookAuthorization)),
      ),
    );
    expect(new Set(outcomes)).toEqual(new Set(['accepted']));
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(40_000);
    expect((await deposits.status(caller, started.paymentId))?.status).toBe('completed');
  });
});

describe('reconciliation', () => {
  it('finds a payment nobody reported (no return, no webhook) and credits it once', async () => {
    const { caller, person } = await parentOf(school);
    const started = redirectOf(
      await deposits.start(caller, school, person.accountId, form('150'), urls('http://127.0.0.1:9/')),
    );
    await payOnHostedPage(started.url, { cardNumber: TEST_CARDS.visa.number, expiry: '07/38' });
    const reconciliation = lib.get(PaymentReconciliation);
    const later = new Date(Date.now() + 3 * 60_000);
    const passes = await Promise.all([reconciliation.runOnce(later), reconciliation.runOnce(later)]);
    expect(passes.some((pass) => pass.decided >= 1)).toBe(true);
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(15_000);
  });
});

describe('a deposit by MobilePay (gladsaxe)', () => {
  it('captures what the phone approved and credits it once', async () => {
    const { caller, person } = await parentOf(municipality, { cardNumber: uniqueGladsaxeCard() });
    const started = redirectOf(
      await deposits.start(caller, municipality, person.accountId, form('275', 'mobilepay'), urls('x')),
    );
    const approved = await answerOnPhone(started.url, 'approve');
    expect(approved.location).toContain(`/indbetalinger/${started.paymentId}`);
    const [a, b] = await Promise.all([
      deposits.status(caller, started.paymentId),
      deposits.status(caller, started.paymentId),
    ]);
    expect([a?.status, b?.status]).toEqual(['completed', 'completed']);
    expect((await paymentsLedger(ds, [municipality.slug])).balanceOf(person.accountId)).toBe(27_500);
    const captures = sim.controls.ledger().charges.filter((entry) => entry.payment === started.paymentId);
    expect(captures.map((entry) => entry.amount)).toEqual([27_500]);
  });

  it('records a rejection on the phone as cancelled and credits nothing', async () => {
    const { caller, person } = await parentOf(municipality, { cardNumber: uniqueGladsaxeCard() });
    const started = redirectOf(
      await deposits.start(caller, municipality, person.accountId, form('120', 'mobilepay'), urls('x')),
    );
    await answerOnPhone(started.url, 'reject');
    expect((await deposits.status(caller, started.paymentId))?.status).toBe('cancelled');
    expect((await paymentsLedger(ds, [municipality.slug])).balanceOf(person.accountId)).toBe(0);
  });

  it('is refused at a tenant that offers only cards', async () => {
    const { caller, person } = await parentOf(school);
    const started = await deposits.start(caller, school, person.accountId, form('100', 'mobilepay'), urls('x'));
    expect(started).toEqual({ kind: 'invalid', errors: [{ field: 'method', reason: 'notOffered' }] });
  });
});

describe('the books', () => {
  it("match the providers': what clearing gave the wallets is what was charged for our payments", async () => {
    const rows = await Promise.all(
      [school, municipality].map((tenant) =>
        inTenant(ds, tenant.slug, (tx) =>
          tx.query<{ provider_payment_id: string }>(
            `SELECT provider_payment_id FROM payments WHERE tenant_id = $1 AND provider_payment_id IS NOT NULL`,
            [tenant.slug],
          ),
        ),
      ),
    );
    const ours = new Set(rows.flat().map((row) => row.provider_payment_id));
    const charged = sim.controls
      .ledger()
      .charges.filter((charge) => ours.has(charge.payment))
      .reduce((sum, charge) => sum + charge.amount, 0);
    const ledger = await paymentsLedger(ds, [school.slug, municipality.slug]);
    expect(charged).toBeGreaterThan(0);
    expect(ledger.clearedOre).toBe(charged);
  });
});
