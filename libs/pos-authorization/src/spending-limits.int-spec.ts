import type { DataSource } from 'typeorm';
import { createCard, createTestTenant, createTill, openAppDataSource, type TestCardOptions } from '@kk/testing';
import { PosAuthorizationService } from './pos-authorization.service';
import type { Till } from './till-authenticator';

/** Limits over real purchases at chosen instants: net of reversals, reset at local boundaries. */
describe('spending limits in Copenhagen time', () => {
  let ds: DataSource;
  let tenant: string;
  let till: Till;
  let now = new Date();
  let service: PosAuthorizationService;
  let keys = 0;

  beforeAll(async () => {
    ds = await openAppDataSource(2);
    tenant = await createTestTenant(ds);
    const t = await createTill(ds, tenant);
    till = { tenantId: tenant, tillId: t.tillId, unitId: t.unitId, name: 'test' };
    service = new PosAuthorizationService(
      { query: (sql, params) => ds.query(sql, params) },
      { lowBalanceThreshold: () => 0, clock: () => now },
    );
  });
  afterAll(() => ds.destroy());

  async function buy(cardNumber: string, amount: number, at: string): Promise<string | null> {
    now = new Date(at);
    keys += 1;
    const outcome = await service.purchase(till, {
      idempotencyKey: `lim-${keys}`,
      cardNumber,
      amount,
      description: null,
    });
    if (outcome.kind !== 'new') throw new Error(`unexpected ${outcome.kind}`);
    return outcome.response.declineReason;
  }

  const card = (options: TestCardOptions) => createCard(ds, tenant, { balance: 1_000_000, ...options });

  it('counts the day from local midnight (23:30 UTC in winter is already tomorrow)', async () => {
    const { cardNumber } = await card({ dailyLimit: 5000 });
    expect(await buy(cardNumber, 5000, '2026-01-14T22:59:00Z')).toBeNull(); // 23:59 local, 14 Jan
    expect(await buy(cardNumber, 1, '2026-01-14T22:59:30Z')).toBe('daily_limit_exceeded');
    expect(await buy(cardNumber, 5000, '2026-01-14T23:00:00Z')).toBeNull(); // 00:00 local, 15 Jan
  });

  it('allows exactly the daily limit and not one øre more', async () => {
    const { cardNumber } = await card({ dailyLimit: 5000 });
    expect(await buy(cardNumber, 4999, '2026-02-10T10:00:00Z')).toBeNull();
    expect(await buy(cardNumber, 2, '2026-02-10T10:01:00Z')).toBe('daily_limit_exceeded');
    expect(await buy(cardNumber, 1, '2026-02-10T10:02:00Z')).toBeNull();
  });

  it('resets the week on Monday 00:00 local time', async () => {
    const { cardNumber } = await card({ weeklyLimit: 3000 });
    expect(await buy(cardNumber, 3000, '2026-11-16T08:00:00Z')).toBeNull(); // Monday
    expect(await buy(cardNumber, 100, '2026-11-22T22:59:00Z')).toBe('weekly_limit_exceeded'); // Sunday 23:59
    expect(await buy(cardNumber, 3000, '2026-11-22T23:00:00Z')).toBeNull(); // Monday 00:00
  });

  it('resets the month on the 1st at local midnight, across the spring DST change', async () => {
    const { cardNumber } = await card({ monthlyLimit: 10_000 });
    expect(await buy(cardNumber, 10_000, '2026-03-29T01:30:00Z')).toBeNull(); // DST day
    expect(await buy(cardNumber, 1, '2026-03-31T21:59:00Z')).toBe('monthly_limit_exceeded'); // 23:59 CEST
    expect(await buy(cardNumber, 10_000, '2026-03-31T22:00:00Z')).toBeNull(); // 1 April 00:00 CEST
  });

  it('counts both halves of the 25-hour autumn DST day as one day', async () => {
    const { cardNumber } = await card({ dailyLimit: 2000 });
    expect(await buy(cardNumber, 1000, '2026-10-24T22:30:00Z')).toBeNull(); // 00:30 CEST, 25 Oct
    expect(await buy(cardNumber, 1000, '2026-10-25T22:30:00Z')).toBeNull(); // 23:30 CET, 25 Oct
    expect(await buy(cardNumber, 1, '2026-10-25T22:45:00Z')).toBe('daily_limit_exceeded');
  });

  it('counts purchases net of reversals', async () => {
    const { cardNumber } = await card({ dailyLimit: 2000 });
    now = new Date('2026-05-05T09:00:00Z');
    const first = await service.purchase(till, {
      idempotencyKey: `lim-rev-${++keys}`,
      cardNumber,
      amount: 2000,
      description: null,
    });
    if (first.kind !== 'new') throw new Error('expected new');
    expect(await buy(cardNumber, 1, '2026-05-05T09:01:00Z')).toBe('daily_limit_exceeded');
    await service.reverse(till, first.response.id);
    expect(await buy(cardNumber, 2000, '2026-05-05T09:02:00Z')).toBeNull();
  });

  it('checks the day before the week and the week before the month', async () => {
    const { cardNumber } = await card({ dailyLimit: 1000, weeklyLimit: 1000, monthlyLimit: 1000 });
    expect(await buy(cardNumber, 1000, '2026-06-10T10:00:00Z')).toBeNull();
    expect(await buy(cardNumber, 1, '2026-06-10T10:01:00Z')).toBe('daily_limit_exceeded');
    expect(await buy(cardNumber, 1, '2026-06-11T10:00:00Z')).toBe('weekly_limit_exceeded');
    expect(await buy(cardNumber, 1, '2026-06-16T10:00:00Z')).toBe('monthly_limit_exceeded');
  });
});
