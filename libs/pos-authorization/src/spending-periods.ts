import { DateTime } from 'luxon';

export const SPENDING_TIME_ZONE = 'Europe/Copenhagen';

export interface SpendingPeriods {
  /** Start of the calendar day, ISO week (Monday) and calendar month containing `now`, local time. */
  readonly dayStart: Date;
  readonly weekStart: Date;
  readonly monthStart: Date;
}

/**
 * Spending limits count per calendar day, ISO week and calendar month as a Dane lives them,
 * so boundaries are local midnights (23 or 25 hours apart around daylight-saving changes).
 */
export function spendingPeriods(now: Date, zone: string = SPENDING_TIME_ZONE): SpendingPeriods {
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) throw new Error(`invalid time or zone: ${zone}`);
  return {
    dayStart: local.startOf('day').toJSDate(),
    weekStart: local.startOf('week').toJSDate(),
    monthStart: local.startOf('month').toJSDate(),
  };
}
