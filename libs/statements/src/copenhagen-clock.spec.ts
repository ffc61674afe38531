import fc from 'fast-check';
import { copenhagenClock, copenhagenDate } from './statement-wording';
import { csvDateTime } from './statement-csv';

// What the statement printed before copenhagen-clock.ts: Intl's own formatting, the reference.
const intl = (locale: 'da-DK' | 'en-GB', options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Copenhagen', ...options });
const DATE = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
const TIME = { hour: '2-digit', minute: '2-digit' } as const;

function expectAsIntl(at: Date): void {
  expect(copenhagenDate(at, 'da')).toBe(intl('da-DK', DATE).format(at));
  expect(copenhagenDate(at, 'en')).toBe(intl('en-GB', DATE).format(at));
  expect(copenhagenClock(at, 'da')).toBe(intl('da-DK', TIME).format(at));
  expect(copenhagenClock(at, 'en')).toBe(intl('en-GB', TIME).format(at));
}

describe('Copenhagen wall-clock times', () => {
  it('agree with Intl for any instant from 2000 to 2040', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) =>
        expectAsIntl(new Date(ms)),
      ),
      { numRuns: 2_000 },
    );
  });

  it('agree around the daylight-saving changes, minute by minute', () => {
    for (const change of ['2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2024-03-31T01:00:00Z']) {
      const at = Date.parse(change);
      for (let minute = -90; minute <= 90; minute += 1) expectAsIntl(new Date(at + minute * 60_000));
    }
    // 02:30 does not exist on 30 March 2025: 00:59:59 UTC is 01:59, 01:00 UTC is 03:00.
    expect(copenhagenClock(new Date('2025-03-30T00:59:00Z'), 'da')).toBe('01.59');
    expect(copenhagenClock(new Date('2025-03-30T01:00:00Z'), 'da')).toBe('03.00');
  });

  it('writes the CSV day and time as Danish Excel reads them', () => {
    expect(csvDateTime(new Date('2025-01-31T23:30:00Z'))).toEqual({ date: '01-02-2025', time: '00:30' });
    expect(csvDateTime(new Date('2025-07-01T10:05:00Z'))).toEqual({ date: '01-07-2025', time: '12:05' });
  });
});
