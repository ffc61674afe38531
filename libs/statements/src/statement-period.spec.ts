import {
  checkPeriod,
  copenhagenToday,
  defaultPeriodInput,
  parseStatementDate,
  type PeriodInput,
} from './statement-period';

// 12:00 in Copenhagen on 15 March 2025 (CET, UTC+1).
const NOW = new Date('2025-03-15T11:00:00Z');

const refusals = (input: PeriodInput, now = NOW) => {
  const checked = checkPeriod(input, now);
  return checked.ok ? [] : checked.errors.map((e) => `${e.field}:${e.reason}`);
};

describe('parseStatementDate', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    [' 2025-03-01 ', '2025-03-01'],
    ['01-03-2025', '2025-03-01'],
    ['1.3.2025', '2025-03-01'],
    ['1/3/2025', '2025-03-01'],
    ['29-02-2024', '2024-02-29'],
  ])('reads %p as %p', (typed, iso) => {
    expect(parseStatementDate(typed)).toBe(iso);
  });

  it.each([
    '2025-02-29',
    '31-04-2025',
    '2025-13-01',
    '2025-00-10',
    '0099-01-01',
    '1899-12-31',
    '20250301',
    '2025-3-1',
    'i går',
    '2025-03-01T00:00',
    '1e3',
    '',
  ])('refuses %p as no calendar day', (typed) => {
    expect(parseStatementDate(typed)).toBeUndefined();
  });
});

describe('checkPeriod', () => {
  it('gives whole Copenhagen days: from midnight of the start to midnight after the end', () => {
    const checked = checkPeriod({ fra: '2025-03-01', til: '2025-03-15' }, NOW);
    expect(checked).toEqual({
      ok: true,
      period: {
        from: '2025-03-01',
        to: '2025-03-15',
        start: new Date('2025-02-28T23:00:00Z'),
        end: new Date('2025-03-15T23:00:00Z'),
      },
    });
  });

  it('knows summer time: a day in July starts at 22:00 UTC', () => {
    const checked = checkPeriod({ fra: '2024-07-01', til: '2024-07-31' }, NOW);
    expect(checked.ok && [checked.period.start.toISOString(), checked.period.end.toISOString()]).toEqual([
      '2024-06-30T22:00:00.000Z',
      '2024-07-31T22:00:00.000Z',
    ]);
  });

  it('covers the 23-hour day when the clocks go forward (30 March 2025)', () => {
    const checked = checkPeriod({ fra: '2025-03-30', til: '2025-03-30' }, new Date('2025-04-02T10:00:00Z'));
    expect(checked.ok && checked.period.end.getTime() - checked.period.start.getTime()).toBe(23 * 3600 * 1000);
  });

  it('accepts a single day, today included', () => {
    expect(refusals({ fra: '2025-03-15', til: '2025-03-15' })).toEqual([]);
  });

  it('names each missing field', () => {
    expect(refusals({ fra: '', til: '' })).toEqual(['fra:missing', 'til:missing']);
    expect(refusals({ fra: '  ', til: '2025-03-01' })).toEqual(['fra:missing']);
  });

  it('names each field that is not a date', () => {
    expect(refusals({ fra: '2025-02-30', til: 'i morgen' })).toEqual(['fra:notADate', 'til:notADate']);
  });

  it('refuses days after today in Copenhagen, even when it is still today in UTC', () => {
    // 23:30 UTC on 15 March is 00:30 on 16 March in Copenhagen: the 16th is today there.
    const lateEvening = new Date('2025-03-15T23:30:00Z');
    expect(copenhagenToday(lateEvening)).toBe('2025-03-16');
    expect(refusals({ fra: '2025-03-16', til: '2025-03-16' }, lateEvening)).toEqual([]);
    expect(refusals({ fra: '2025-03-16', til: '2025-03-17' }, lateEvening)).toEqual(['til:inFuture']);
    expect(refusals({ fra: '2025-03-17', til: '2025-03-18' }, lateEvening)).toEqual(['fra:inFuture', 'til:inFuture']);
  });

  it('refuses an end before the start, beside the end', () => {
    expect(refusals({ fra: '2025-03-10', til: '2025-03-09' })).toEqual(['til:beforeStart']);
  });

  it('allows five years exactly and refuses one day more, beside the start', () => {
    expect(refusals({ fra: '2020-03-16', til: '2025-03-15' })).toEqual([]);
    expect(refusals({ fra: '2020-03-15', til: '2025-03-15' })).toEqual(['fra:tooLong']);
    expect(refusals({ fra: '1900-01-01', til: '2025-03-15' })).toEqual(['fra:tooLong']);
  });

  it('reads Danish typing the same as the date picker', () => {
    const picked = checkPeriod({ fra: '2025-03-01', til: '2025-03-15' }, NOW);
    expect(checkPeriod({ fra: '01-03-2025', til: '15.3.2025' }, NOW)).toEqual(picked);
  });
});

describe('defaultPeriodInput', () => {
  it('is the last 30 days, today included, in Copenhagen', () => {
    expect(defaultPeriodInput(NOW)).toEqual({ fra: '2025-02-14', til: '2025-03-15' });
    expect(checkPeriod(defaultPeriodInput(NOW), NOW).ok).toBe(true);
  });
});
