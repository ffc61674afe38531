import type { DataSource } from 'typeorm';
import { syncTenants } from '@kk/database';
import { IdentityModule, loginIdOf } from '@kk/identity';
import type { TenantConfig } from '@kk/tenancy';
import {
  accountAuditEvents,
  createEmailLogin,
  openAppDataSource,
  repoTenantCopy,
  startLibTestContext,
  storedAccountSettings,
  TEST_CPR_CIPHER,
  TEST_EMAIL_OUTBOX,
  TEST_PASSWORD_HASHER,
  TEST_TOTP_BOX,
  uniqueCardNumber,
  type LibTestContext,
  type TestLogin,
} from '@kk/testing';
import { AccountSettingsModule } from './account-settings.module';
import type { AttemptBudget, SettingsCaller } from './account-settings.types';
import { CardSettingsService } from './card-settings.service';
import { SpendingSettingsService } from './spending-settings.service';

/**
 * The card changes under concurrency, against the real database: two accounts racing for one
 * new number get one winner, and the loser keeps its old card (its retirement rolled back);
 * changes of one account are serialised by its row lock, and each leaves exactly one usable card.
 */
let ds: DataSource;
let lib: LibTestContext;
let school: TenantConfig;
let cards: CardSettingsService;

const NO_LIMIT: AttemptBudget = { take: () => Promise.resolve(true) };
const callerOf = (login: TestLogin): SettingsCaller => ({
  tenantId: school.slug,
  loginId: loginIdOf(login.loginId),
  ip: '192.0.2.7',
});

beforeAll(async () => {
  ds = await openAppDataSource(12);
  school = repoTenantCopy('sctibs');
  await syncTenants(ds, [{ slug: school.slug, name: school.displayName }]);
  lib = await startLibTestContext(ds, TEST_CPR_CIPHER, [
    IdentityModule.forRoot({
      passwordHasher: TEST_PASSWORD_HASHER,
      totpSecretBox: TEST_TOTP_BOX,
      emailOutbox: TEST_EMAIL_OUTBOX,
    }),
    AccountSettingsModule,
  ]);
  cards = lib.get(CardSettingsService);
});
afterAll(async () => {
  await lib?.close();
  if (ds?.isInitialized) await ds.destroy();
});

it('two accounts racing for one new number: one gets it, the other keeps its old card untouched', async () => {
  for (let round = 0; round < 5; round++) {
    const [a, b] = await Promise.all([createEmailLogin(ds, school.slug), createEmailLogin(ds, school.slug)]);
    const contested = uniqueCardNumber();
    const outcomes = await Promise.all(
      [a, b].map((login) => cards.changeCardNumber(callerOf(login), school, login.accountId, contested, NO_LIMIT)),
    );
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['invalid', 'saved']);
    const loser = outcomes[0].kind === 'saved' ? b : a;
    const winner = loser === a ? b : a;
    expect(outcomes.find((o) => o.kind === 'invalid')).toEqual({
      kind: 'invalid',
      errors: [{ field: 'cardNumber', reason: 'unavailable' }],
    });
    expect((await storedAccountSettings(ds, school.slug, loser.accountId)).cards).toEqual([
      { cardNumber: loser.cardNumber, status: 'active' },
    ]);
    expect((await storedAccountSettings(ds, school.slug, winner.accountId)).cards).toEqual([
      { cardNumber: contested, status: 'active' },
      { cardNumber: winner.cardNumber, status: 'replaced' },
    ]);
    expect(await accountAuditEvents(ds, school.slug, loser.accountId)).toEqual([]);
    expect(await accountAuditEvents(ds, school.slug, winner.accountId)).toHaveLength(1);
  }
});

it('changes of one account one after another: every one lands, one usable card at the end, one audit row each', async () => {
  const login = await createEmailLogin(ds, school.slug);
  const numbers = Array.from({ length: 6 }, () => uniqueCardNumber());
  const outcomes = await Promise.all([
    ...numbers.map((n) => cards.changeCardNumber(callerOf(login), school, login.accountId, n, NO_LIMIT)),
    cards.setBlocked(callerOf(login), login.accountId, true),
    lib.get(SpendingSettingsService).saveLimits(callerOf(login), school, login.accountId, {
      daily: '60',
      weekly: '',
      monthly: '',
    }),
  ]);
  expect(outcomes.filter((o) => o.kind === 'saved').length).toBeGreaterThanOrEqual(numbers.length + 1);
  const stored = await storedAccountSettings(ds, school.slug, login.accountId);
  expect(stored.cards).toHaveLength(numbers.length + 1);
  expect(stored.cards.filter((c) => c.status !== 'replaced')).toHaveLength(1);
  expect(stored.dailyLimit).toBe(6000);
  const audit = await accountAuditEvents(ds, school.slug, login.accountId);
  expect(audit.filter((e) => e.action === 'card_number_changed')).toHaveLength(numbers.length);
  expect(audit.every((e) => e.ip === '192.0.2.7' && e.loginId === login.loginId)).toBe(true);
  // The trail is a chain: each change starts from the card the one before it left.
  const changes = audit.filter((e) => e.action === 'card_number_changed');
  for (let i = 1; i < changes.length; i++) expect(changes[i].before.cardNumber).toBe(changes[i - 1].after.cardNumber);
});

it('refuses a change for a login without access, or an account of no uuid, changing nothing', async () => {
  const [owner, stranger] = await Promise.all([createEmailLogin(ds, school.slug), createEmailLogin(ds, school.slug)]);
  for (const accountId of [owner.accountId, 'ikke-et-id']) {
    expect(await cards.changeCardNumber(callerOf(stranger), school, accountId, uniqueCardNumber(), NO_LIMIT)).toEqual({
      kind: 'notFound',
    });
    expect(await cards.setBlocked(callerOf(stranger), accountId, true)).toEqual({ kind: 'notFound' });
  }
  expect((await storedAccountSettings(ds, school.slug, owner.accountId)).cards).toEqual([
    { cardNumber: owner.cardNumber, status: 'active' },
  ]);
});

it('spends the budget only on a lookup, and stops when it is spent', async () => {
  const login = await createEmailLogin(ds, school.slug);
  let taken = 0;
  const budget: AttemptBudget = { take: () => Promise.resolve(++taken <= 1) };
  const change = (typed: string) => cards.changeCardNumber(callerOf(login), school, login.accountId, typed, budget);
  expect((await change('123')).kind).toBe('invalid');
  expect((await change(login.cardNumber)).kind).toBe('invalid');
  expect(taken).toBe(0);
  expect((await change(uniqueCardNumber())).kind).toBe('saved');
  expect(await change(uniqueCardNumber())).toEqual({
    kind: 'invalid',
    errors: [{ field: 'cardNumber', reason: 'tooManyAttempts' }],
  });
  expect(taken).toBe(2);
});
