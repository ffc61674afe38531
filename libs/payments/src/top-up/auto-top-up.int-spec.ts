import type { DataSource } from 'typeorm';
import { inTenant, syncTenants } from '@kk/database';
import { loginIdOf } from '@kk/identity';
import type { TenantConfig } from '@kk/tenancy';
import {
  chargesByStoredCard,
  createPerson,
  eventually,
  lowBalanceEvents as lowBalanceEventsOf,
  openAppDataSource,
  parentWithAgreement,
  paymentsLedger,
  payOnHostedPage,
  repoTenantCopy,
  setCardStatus,
  signUp,
  startPaymentsTestContext,
  TEST_EMAIL_SEALER,
  TEST_PAGE_URLS,
  testCheckout,
  topUpPayments,
  withGateway,
  type LibTestContext,
  type TestCheckout,
  type TestPerson,
  type TopUpParent,
} from '@kk/testing';
import { startGatewaySim, TEST_CARDS, type RunningGatewaySim } from '../../../../apps/gateway-sim/src/main';
import { PaymentReconciliation } from '../reconciliation/payment-reconciliation';
import { PaymentSettlement } from '../settlement/payment-settlement';
import { AutoTopUpService } from './auto-top-up.service';
import { TopUpCharger, type TopUpOutcome } from './top-up-charger';

/**
 * "Automatisk Optankning" against the gateway stand-in: the card stored on the provider's
 * page, a till purchase under the threshold charging it once, every failure kind stored with
 * its reason and told to the parent, and exactly one charge however the work is repeated.
 */
let sim: RunningGatewaySim;
let ds: DataSource;
let lib: LibTestContext;
let school: TenantConfig;
let checkout: TestCheckout;
let topUps: AutoTopUpService;
let charger: TopUpCharger;

type Parent = TopUpParent;

/** A parent with an agreement of `amount` kroner on a stored card; the pupil has `balance` øre. */
function withAgreement(balance: number, amount = '200', cardNumber = TEST_CARDS.visa.number): Promise<Parent> {
  return parentWithAgreement(lib, ds, school, { balance, amount, cardNumber });
}

const buy = (person: TestPerson, amount: number) => checkout.buy(person, amount);
const lowBalanceEvents = (person: TestPerson) => lowBalanceEventsOf(ds, school.slug, person.accountId);

/** What the worker's processor does for each event (here called directly, as the Bull job would). */
async function processEvents(person: TestPerson): Promise<TopUpOutcome[]> {
  const events = await lowBalanceEvents(person);
  return Promise.all(events.map((e) => charger.onLowBalance(school.slug, e.id, e.payload)));
}

/** What the stand-in charged on the parent's stored card, whatever reference it came with. */
function chargesAtProviderFor(parent: Parent): number {
  return chargesByStoredCard(sim.controls.ledger().charges).get(parent.storedCardId)?.count ?? 0;
}

async function failureEmailsTo(person: TestPerson): Promise<string[]> {
  const rows = await inTenant(ds, school.slug, (tx) =>
    tx.query<{ id: string; payload: unknown }>(
      `SELECT id, payload FROM outbox WHERE tenant_id = $1 AND topic = 'email.send'`,
      [school.slug],
    ),
  );
  return rows
    .map((row) => TEST_EMAIL_SEALER.open(row.payload, { tenantId: school.slug, outboxId: row.id }))
    .filter(
      (email) => email.subject.startsWith('Automatisk optankning mislykkedes') && email.text.includes(person.name),
    )
    .map((email) => email.text);
}

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0 });
  ds = await openAppDataSource(12);
  school = withGateway(repoTenantCopy('sctibs'), sim.url);
  await syncTenants(ds, [{ slug: school.slug, name: school.displayName }]);
  lib = await startPaymentsTestContext(ds, [school]);
  topUps = lib.get(AutoTopUpService);
  charger = lib.get(TopUpCharger);
  checkout = await testCheckout(ds, school);
});

afterAll(async () => {
  await lib?.close();
  await sim?.stop();
  if (ds?.isInitialized) await ds.destroy();
});

afterEach(async () => {
  expect((await paymentsLedger(ds, [school.slug])).problems).toEqual([]);
});

describe('setting it up', () => {
  it('stores the card on the provider page (amount 0) and shows the agreement with the card masked', async () => {
    const { caller, person } = await withAgreement(10_000);
    const tab = await topUps.tab(caller, person.accountId);
    expect(tab?.agreement).toMatchObject({ amount: 20_000, cardMaskedPan: expect.stringMatching(/^492500\*+0004$/) });
    expect(tab?.attempts).toEqual([]);
    // Storing the card moved no money.
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(10_000);
  });

  it('refuses a bad amount and missing terms, and another login sees and cancels nothing', async () => {
    const { caller, person } = await withAgreement(10_000);
    expect(
      await topUps.start(caller, school, person.accountId, { amount: '99', termsAccepted: false }, TEST_PAGE_URLS),
    ).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'amount', reason: 'belowMinimum', kroner: 100 },
        { field: 'terms', reason: 'notAccepted' },
      ],
    });
    const stranger = await createPerson(ds, school.slug);
    const strangerLogin = await signUp(lib, school.slug, stranger);
    const strangerCaller = { tenantId: school.slug, loginId: loginIdOf(strangerLogin.loginId) };
    expect(await topUps.tab(strangerCaller, person.accountId)).toBeUndefined();
    expect(await topUps.cancel(strangerCaller, person.accountId)).toBe(false);
    expect(
      (
        await topUps.start(
          strangerCaller,
          school,
          person.accountId,
          { amount: '200', termsAccepted: true },
          TEST_PAGE_URLS,
        )
      ).kind,
    ).toBe('noSuchAccount');
    expect((await topUps.tab(caller, person.accountId))?.agreement).not.toBeNull();
  });

  it('replaces the old agreement when a new card is stored, and "Annuller" ends it', async () => {
    const { caller, person } = await withAgreement(10_000);
    const again = await topUps.start(
      caller,
      school,
      person.accountId,
      { amount: '300', termsAccepted: true },
      TEST_PAGE_URLS,
    );
    if (again.kind !== 'redirect') throw new Error(again.kind);
    await payOnHostedPage(again.url, { cardNumber: TEST_CARDS.mastercard.number });
    expect(await topUps.registrationOutcome(caller, again.paymentId)).toBe('activated');
    expect((await topUps.tab(caller, person.accountId))?.agreement).toMatchObject({ amount: 30_000 });
    expect(await topUps.cancel(caller, person.accountId)).toBe(true);
    expect((await topUps.tab(caller, person.accountId))?.agreement).toBeNull();
    await buy(person, 6_000);
    expect(await processEvents(person)).toEqual(['noAgreement']);
  });
});

describe('a till purchase under the threshold', () => {
  it('tops up once: the agreement amount is charged and credited', async () => {
    const { caller, person } = await withAgreement(8_000);
    expect((await buy(person, 4_000)).balance).toBe(4_000);
    expect(await processEvents(person)).toEqual(['completed']);
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(24_000);
    const tab = await topUps.tab(caller, person.accountId);
    expect(tab?.attempts.map((a) => [a.status, a.amount])).toEqual([['completed', 20_000]]);
  });

  it('no purchase, no top-up; a purchase that stays above the threshold sets off nothing', async () => {
    const { person } = await withAgreement(20_000);
    expect(await processEvents(person)).toEqual([]);
    await buy(person, 1_000);
    expect(await processEvents(person)).toEqual([]);
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(19_000);
  });

  it('50 concurrent purchases that cross the threshold: exactly one top-up charge', async () => {
    // 90 kr. and 50 purchases of 1 kr.: the last ten leave the balance under 50 kr.
    const parent = await withAgreement(9_000);
    const { person } = parent;
    const answers = await Promise.all(Array.from({ length: 50 }, () => buy(person, 100)));
    expect((await lowBalanceEvents(person)).length).toBeGreaterThanOrEqual(10);
    expect(answers.filter((a) => a.status === 'approved')).toHaveLength(50);
    const outcomes = await processEvents(person);
    expect(outcomes.filter((o) => o === 'completed')).toHaveLength(1);
    expect(outcomes.every((o) => o === 'completed' || o === 'inFlight' || o === 'alreadyDone')).toBe(true);
    // Redelivered jobs (Bull, the sweep) change nothing.
    expect((await processEvents(person)).every((o) => o === 'alreadyDone')).toBe(true);
    expect(chargesAtProviderFor(parent)).toBe(1);
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(9_000 - 5_000 + 20_000);
  });

  it('a purchase made while the top-up is being charged, its event handled after the credit: no second top-up', async () => {
    // Found by two POS processes and two workers: the purchase's balance predates the credit,
    // its event postdates the top-up's start, and the top-up is no longer in flight.
    const parent = await withAgreement(6_000);
    const { person } = parent;
    await buy(person, 2_000);
    const [first] = await lowBalanceEvents(person);
    sim.controls.setAnswerDelay(500);
    const charging = charger.onLowBalance(school.slug, first.id, first.payload);
    await eventually(
      async () => (await topUpPayments(ds, school.slug)).filter((row) => row.accountId === person.accountId).length,
      (count) => count === 1,
    );
    expect((await buy(person, 500)).balance).toBe(3_500);
    expect(await charging).toBe('completed');
    sim.controls.setAnswerDelay(0);
    const late = (await lowBalanceEvents(person)).filter((e) => e.id !== first.id);
    expect(late).toHaveLength(1);
    expect(await charger.onLowBalance(school.slug, late[0].id, late[0].payload)).toBe('alreadyDone');
    expect(chargesAtProviderFor(parent)).toBe(1);
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(3_500 + 20_000);
  });

  it('charges once and credits once when the worker dies between the charge and its commit', async () => {
    const parent = await withAgreement(6_000);
    const { person } = parent;
    await buy(person, 2_000);
    const settlement = lib.get(PaymentSettlement);
    const apply = jest.spyOn(settlement, 'apply').mockRejectedValueOnce(new Error('SIGKILL after the charge'));
    const [event] = await lowBalanceEvents(person);
    await expect(charger.onLowBalance(school.slug, event.id, event.payload)).rejects.toThrow('SIGKILL');
    apply.mockRestore();
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(4_000);

    // The job comes again (Bull's retry, the sweep) and so does the reconciliation.
    const later = new Date(Date.now() + 3 * 60_000);
    const [again, pass] = await Promise.all([
      charger.onLowBalance(school.slug, event.id, event.payload),
      lib.get(PaymentReconciliation).runOnce(later),
    ]);
    expect(['completed', 'alreadyDone']).toContain(again);
    expect(pass.checked).toBeGreaterThanOrEqual(0);
    expect(chargesAtProviderFor(parent)).toBe(1);
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(24_000);
  });
});

describe('each way a top-up fails', () => {
  it.each([
    ['expired', 'card_expired', 'Betalingskortet er udløbet eller skiftet ud'],
    ['blocked', 'card_blocked', 'Betalingskortet er spærret'],
    ['no_funds', 'no_funds', 'Der er ikke dækning på betalingskortet'],
    ['declined', 'declined', 'Banken afviste betalingen. Kontakt din bank'],
  ] as const)('a stored card switched to %s: stored as %s, shown and e-mailed once', async (state, failure, advice) => {
    const { caller, person, storedCardId } = await withAgreement(6_000);
    expect(sim.controls.setStoredCardState(storedCardId, state)).toBe(true);
    await buy(person, 2_000);
    expect(await processEvents(person)).toEqual(['failed']);
    await buy(person, 100);
    const outcomes = await processEvents(person);
    expect(outcomes.filter((o) => o === 'failed')).toHaveLength(1);

    const tab = await topUps.tab(caller, person.accountId);
    expect(tab?.attempts.map((a) => [a.status, a.failure])).toEqual([
      ['failed', failure],
      ['failed', failure],
    ]);
    const emails = await failureEmailsTo(person);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toContain(advice);
    expect((await paymentsLedger(ds, [school.slug])).balanceOf(person.accountId)).toBe(3_900);
  });

  it('a canteen card blocked before the top-up: nothing charged, the reason stored and e-mailed', async () => {
    const parent = await withAgreement(6_000);
    const { caller, person } = parent;
    await buy(person, 2_000);
    await setCardStatus(ds, school.slug, person.cardNumber, 'blocked');
    expect(await processEvents(person)).toEqual(['failed']);
    expect((await topUps.tab(caller, person.accountId))?.attempts.map((a) => a.failure)).toEqual([
      'canteen_card_blocked',
    ]);
    expect((await failureEmailsTo(person))[0]).toContain(
      'Kantinekortet er spærret. Aktiver kortet under Brugeroplysninger',
    );
    expect(chargesAtProviderFor(parent)).toBe(0);
  });
});
