import type { DataSource } from 'typeorm';
import { openAppDataSource } from '@kk/testing';
import { DECLINE_REASONS, type DeclineReason } from './decline-reason';

/**
 * The decision rules are the pure SQL function pos_decline_reason (IMMUTABLE): it runs
 * inside the one-round-trip purchase, so it is tested here directly, case by case.
 */
interface Facts {
  found: boolean;
  status: 'active' | 'blocked' | 'replaced' | null;
  deviceAllowed: boolean;
  amount: number;
  dailyLimit: number | null;
  spentToday: number;
  weeklyLimit: number | null;
  spentWeek: number;
  monthlyLimit: number | null;
  spentMonth: number;
  balance: number | null;
}

const fine: Facts = {
  found: true,
  status: 'active',
  deviceAllowed: true,
  amount: 1000,
  dailyLimit: null,
  spentToday: 0,
  weeklyLimit: null,
  spentWeek: 0,
  monthlyLimit: null,
  spentMonth: 0,
  balance: 5000,
};

/** Each reason's own trigger, applied on top of otherwise fine facts. */
const TRIGGERS: Record<DeclineReason, Partial<Facts>> = {
  card_unknown: { found: false, status: null, balance: null },
  card_replaced: { status: 'replaced' },
  card_blocked: { status: 'blocked' },
  device_not_allowed: { deviceAllowed: false },
  daily_limit_exceeded: { dailyLimit: 1500, spentToday: 600 },
  weekly_limit_exceeded: { weeklyLimit: 1500, spentWeek: 600 },
  monthly_limit_exceeded: { monthlyLimit: 1500, spentMonth: 600 },
  insufficient_funds: { balance: 999 },
};

describe('pos_decline_reason: the decision rules', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openAppDataSource(1);
  });
  afterAll(() => ds.destroy());

  async function decide(f: Facts): Promise<string | null> {
    const rows = await ds.query<{ reason: string | null }[]>(
      'SELECT pos_decline_reason($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AS reason',
      [
        f.found,
        f.status,
        f.deviceAllowed,
        f.amount,
        f.dailyLimit,
        f.spentToday,
        f.weeklyLimit,
        f.spentWeek,
        f.monthlyLimit,
        f.spentMonth,
        f.balance,
      ],
    );
    return rows[0].reason;
  }

  it('approves when nothing is wrong', async () => {
    expect(await decide(fine)).toBeNull();
  });

  it.each(DECLINE_REASONS)('declines with %s when only that is wrong', async (reason) => {
    expect(await decide({ ...fine, ...TRIGGERS[reason] })).toBe(reason);
  });

  it('checks the reasons in the contract order: each wins over every later one', async () => {
    for (let i = 0; i < DECLINE_REASONS.length; i++) {
      for (let j = i + 1; j < DECLINE_REASONS.length; j++) {
        const facts = { ...fine, ...TRIGGERS[DECLINE_REASONS[j]], ...TRIGGERS[DECLINE_REASONS[i]] };
        expect([DECLINE_REASONS[i], DECLINE_REASONS[j], await decide(facts)]).toEqual([
          DECLINE_REASONS[i],
          DECLINE_REASONS[j],
          DECLINE_REASONS[i],
        ]);
      }
    }
    const everything = Object.values(TRIGGERS).reduce<Facts>((acc, t) => ({ ...acc, ...t }), fine);
    expect(await decide(everything)).toBe('card_unknown');
  });

  it.each([
    ['daily', 'dailyLimit', 'spentToday', 'daily_limit_exceeded'],
    ['weekly', 'weeklyLimit', 'spentWeek', 'weekly_limit_exceeded'],
    ['monthly', 'monthlyLimit', 'spentMonth', 'monthly_limit_exceeded'],
  ] as const)('allows spending exactly the %s limit and refuses one øre over', async (_label, limit, spent, reason) => {
    expect(await decide({ ...fine, [limit]: 5000, [spent]: 4000, amount: 1000 })).toBeNull();
    expect(await decide({ ...fine, [limit]: 5000, [spent]: 4001, amount: 1000 })).toBe(reason);
    expect(await decide({ ...fine, [limit]: 5000, [spent]: 0, amount: 5001, balance: 10_000 })).toBe(reason);
  });

  it('treats a limit of 0 as "no spending" and a missing limit as none', async () => {
    expect(await decide({ ...fine, dailyLimit: 0, amount: 1 })).toBe('daily_limit_exceeded');
    expect(await decide({ ...fine, spentToday: 10 ** 12 })).toBeNull();
  });

  it('allows spending the whole balance and refuses one øre more', async () => {
    expect(await decide({ ...fine, balance: 1000, amount: 1000 })).toBeNull();
    expect(await decide({ ...fine, balance: 1000, amount: 1001 })).toBe('insufficient_funds');
  });
});
