import { DateTime } from 'luxon';

export const SPENDING_TIME_ZONE = 'Europe/Copenhagen';

export interface SpendingPeriods {
  /** Start of the calendar day, ISO week (Monday) and calendar month containing `now`, local time. */
  readonly dayStart: Date;
  readonly weekStart: Date;
  readonly monthStart: Date;
}

interface Memo {
  readonly zone: string;
  readonly from: number;
  readonly until: number;
  readonly periods: SpendingPeriods;
}

// Every purchase needs these; the time-zone arithmetic was ~a quarter of the till API's
// CPU (bench:pos). All three only change at local midnight, so one local day's answer
// serves every instant of that day exactly.
let memo: Memo | undefined;

/**
 * Spending limits count per calendar day, ISO week and calendar month as a Dane lives them,
 * so boundaries are local midnights (23 or 25 hours apart around daylight-saving changes).
 */
export function spendingPeriods(now: Date, zone: string = SPENDING_TIME_ZONE): SpendingPeriods {
  const t = now.getTime();
  if (memo && memo.zone === zone && t >= memo.from && t < memo.until) return memo.periods;
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) throw new Error(`invalid time or zone: ${zone}`);
  const day = local.startOf('day');
  const periods: SpendingPeriods = {
    dayStart: day.toJSDate(),
    weekStart: local.startOf('week').toJSDate(),
    monthStart: local.startOf('month').toJSDate(),
  };
  memo = { zone, from: day.toMillis(), until: day.plus({ days: 1 }).toMillis(), periods };
  return periods;
}
