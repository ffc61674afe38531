import { spendingPeriods } from './spending-periods';

const iso = (d: Date) => d.toISOString();

describe('spendingPeriods (Europe/Copenhagen)', () => {
  it('starts the day at local midnight in winter (UTC+1)', () => {
    const p = spendingPeriods(new Date('2026-01-15T10:00:00Z'));
    expect(iso(p.dayStart)).toBe('2026-01-14T23:00:00.000Z');
  });

  it('starts the day at local midnight in summer (UTC+2)', () => {
    const p = spendingPeriods(new Date('2026-07-15T10:00:00Z'));
    expect(iso(p.dayStart)).toBe('2026-07-14T22:00:00.000Z');
  });

  it('treats 00:30 local time as the new day, though it is still the previous day in UTC', () => {
    const p = spendingPeriods(new Date('2026-07-14T22:30:00Z'));
    expect(iso(p.dayStart)).toBe('2026-07-14T22:00:00.000Z');
  });

  it('gives the 23-hour day of the spring DST change its own local midnight', () => {
    // 2026-03-29: clocks go 02:00 -> 03:00; midnight was still UTC+1.
    const p = spendingPeriods(new Date('2026-03-29T20:00:00Z'));
    expect(iso(p.dayStart)).toBe('2026-03-28T23:00:00.000Z');
    const next = spendingPeriods(new Date('2026-03-29T22:00:00Z'));
    expect(iso(next.dayStart)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('gives the 25-hour day of the autumn DST change its own local midnight', () => {
    // 2026-10-25: clocks go 03:00 -> 02:00; midnight was still UTC+2.
    const p = spendingPeriods(new Date('2026-10-25T22:59:59Z'));
    expect(iso(p.dayStart)).toBe('2026-10-24T22:00:00.000Z');
    const next = spendingPeriods(new Date('2026-10-25T23:00:00Z'));
    expect(iso(next.dayStart)).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts the ISO week on Monday, local time', () => {
    // Sunday 2026-11-22 23:59 local -> week of Monday 2026-11-16.
    expect(iso(spendingPeriods(new Date('2026-11-22T22:59:00Z')).weekStart)).toBe('2026-11-15T23:00:00.000Z');
    // Monday 2026-11-23 00:00 local -> a new week.
    expect(iso(spendingPeriods(new Date('2026-11-22T23:00:00Z')).weekStart)).toBe('2026-11-22T23:00:00.000Z');
  });

  it('lets an ISO week span a year end', () => {
    // Friday 2027-01-01 belongs to the week starting Monday 2026-12-28.
    expect(iso(spendingPeriods(new Date('2027-01-01T12:00:00Z')).weekStart)).toBe('2026-12-27T23:00:00.000Z');
  });

  it('lets a week that spans the autumn DST change start at summer-time midnight', () => {
    // Monday 2026-10-19 00:00 was UTC+2; the week holds the 25-hour Sunday.
    expect(iso(spendingPeriods(new Date('2026-10-25T23:30:00Z')).weekStart)).toBe('2026-10-25T23:00:00.000Z');
    expect(iso(spendingPeriods(new Date('2026-10-25T12:00:00Z')).weekStart)).toBe('2026-10-18T22:00:00.000Z');
  });

  it('starts the month on the 1st at local midnight', () => {
    expect(iso(spendingPeriods(new Date('2026-04-15T12:00:00Z')).monthStart)).toBe('2026-03-31T22:00:00.000Z');
    expect(iso(spendingPeriods(new Date('2026-03-31T21:59:59Z')).monthStart)).toBe('2026-02-28T23:00:00.000Z');
    expect(iso(spendingPeriods(new Date('2026-03-31T22:00:00Z')).monthStart)).toBe('2026-03-31T22:00:00.000Z');
  });

  it('never answers from the previous day, going forwards or backwards across midnight', () => {
    const before = '2026-11-22T22:59:59.999Z'; // Sunday 23:59:59.999 local
    const after = '2026-11-22T23:00:00.000Z'; // Monday 00:00 local
    for (const order of [
      [before, after, before],
      [after, before, after],
    ]) {
      const days = order.map((t) => iso(spendingPeriods(new Date(t)).dayStart));
      const expected = order.map((t) => (t === before ? '2026-11-21T23:00:00.000Z' : '2026-11-22T23:00:00.000Z'));
      expect(days).toEqual(expected);
    }
    expect(iso(spendingPeriods(new Date(before)).weekStart)).toBe('2026-11-15T23:00:00.000Z');
    expect(iso(spendingPeriods(new Date(after)).weekStart)).toBe('2026-11-22T23:00:00.000Z');
  });

  it('keeps zones apart', () => {
    const now = new Date('2026-07-01T12:00:00Z');
    expect(iso(spendingPeriods(now, 'Europe/Copenhagen').dayStart)).toBe('2026-06-30T22:00:00.000Z');
    expect(iso(spendingPeriods(now, 'UTC').dayStart)).toBe('2026-07-01T00:00:00.000Z');
  });
});
