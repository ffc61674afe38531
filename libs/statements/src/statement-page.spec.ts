import { pageSlice, summarize, type MovementGroup } from './statement-page';
import { checkPeriod } from './statement-period';

describe('pageSlice: which movements a page shows', () => {
  it.each([
    // asked, movements, page, pages, offset
    [undefined, 250, 1, 3, 0],
    ['1', 250, 1, 3, 0],
    ['2', 250, 2, 3, 100],
    [' 3 ', 250, 3, 3, 200],
    ['4', 250, 3, 3, 200], // past the end: the last page
    ['999999999', 250, 3, 3, 200],
    ['0', 250, 1, 3, 0],
    ['-2', 250, 1, 3, 0],
    ['2.5', 250, 1, 3, 0],
    ['1e3', 250, 1, 3, 0],
    ['abc', 250, 1, 3, 0],
    [['2', '3'], 250, 1, 3, 0], // ?side=2&side=3 is no page number
    ['2', 200, 2, 2, 100], // exactly full pages
    ['2', 0, 1, 1, 0], // no movements: one empty page
    ['1', 1, 1, 1, 0],
  ])('side=%j of %d movements is page %d of %d from %d', (asked, movements, page, pages, offset) => {
    expect(pageSlice(asked, movements)).toEqual({ page, pageCount: pages, offset, limit: 100 });
  });

  it('pages by the size it is given', () => {
    expect(pageSlice('3', 7, 3)).toEqual({ page: 3, pageCount: 3, offset: 6, limit: 3 });
  });
});

describe('summarize: the whole period from its groups', () => {
  const checked = checkPeriod({ fra: '2025-03-01', til: '2025-03-31' }, new Date('2025-04-02T10:00:00Z'));
  if (!checked.ok) throw new Error('fixture');
  const account = { accountId: 'a', holderName: 'Ida', cardNumber: null };
  const group = (transactionKind: string, counterpartKind: string | null, amount: number, count: number) =>
    ({ transactionKind, counterpartKind, amount, count }) satisfies MovementGroup;

  it('classifies each group as its movements would be, and adds up balances and counts', () => {
    const summary = summarize(account, checked.period, 10_000, [
      group('pos_purchase', null, -4_500, 3),
      group('pos_reversal', null, 1_500, 1),
      group('cash_deposit', null, 20_000, 2),
      // Known only by the other side, and there by the sign.
      group('till_correction', 'till_sales', -700, 1),
      group('till_correction', 'till_sales', 200, 1),
      group('payout_request', 'payout_clearing', -3_000, 1),
      group('something_new', null, -100, 1),
    ]);
    expect(summary.totals).toMatchObject({
      purchases: -5_200,
      reversals: 1_700,
      deposits: 20_000,
      payouts: -3_000,
      other: -100,
    });
    expect(summary).toMatchObject({ openingBalance: 10_000, net: 13_400, closingBalance: 23_400, movementCount: 10 });
  });

  it('is the opening balance alone for a period without movements', () => {
    expect(summarize(account, checked.period, 5_000, [])).toMatchObject({
      openingBalance: 5_000,
      closingBalance: 5_000,
      net: 0,
      movementCount: 0,
    });
  });

  it('refuses a sum that is no whole øre', () => {
    expect(() => summarize(account, checked.period, 0, [group('pos_purchase', null, 1.5, 1)])).toThrow();
  });
});
