import { checkSpendingLimits, limitAsTyped, type SpendingLimitsForm } from './spending-limits';

const form = (overrides: Partial<SpendingLimitsForm>): SpendingLimitsForm => ({
  daily: '',
  weekly: '',
  monthly: '',
  ...overrides,
});

describe('checkSpendingLimits ("Max forbrug dagligt, ugentligt, månedligt")', () => {
  it('reads whole kroner as øre, and an empty field as no limit', () => {
    expect(checkSpendingLimits(form({ daily: '60', weekly: ' 250 ', monthly: '' }))).toEqual({
      ok: true,
      limits: { daily: 6000, weekly: 25000, monthly: null },
    });
    expect(checkSpendingLimits(form({}))).toEqual({ ok: true, limits: { daily: null, weekly: null, monthly: null } });
  });

  it.each([
    ['60 kr', 6000],
    ['60 kr.', 6000],
    ['60kr', 6000],
    ['1.000', 100000],
    ['100.000', 10000000],
  ])('accepts %j as a Dane writes kroner', (typed, ore) => {
    expect(checkSpendingLimits(form({ monthly: typed }))).toEqual({
      ok: true,
      limits: { daily: null, weekly: null, monthly: ore },
    });
  });

  it.each([
    ['60,50', 'notWholeKroner'],
    ['60.5', 'notWholeKroner'],
    ['-60', 'notWholeKroner'],
    ['1e3', 'notWholeKroner'],
    ['sixty', 'notWholeKroner'],
    ['1.00', 'notWholeKroner'],
    ['0', 'zero'],
    ['000', 'zero'],
    ['100001', 'tooLarge'],
    ['999999999', 'tooLarge'],
  ])('refuses %j (%s)', (typed, reason) => {
    expect(checkSpendingLimits(form({ daily: typed }))).toEqual({ ok: false, errors: [{ field: 'daily', reason }] });
  });

  it('names every bad field at once', () => {
    const checked = checkSpendingLimits({ daily: 'x', weekly: '0', monthly: '200000' });
    expect(checked).toEqual({
      ok: false,
      errors: [
        { field: 'daily', reason: 'notWholeKroner' },
        { field: 'weekly', reason: 'zero' },
        { field: 'monthly', reason: 'tooLarge' },
      ],
    });
  });

  it("refuses a longer period's limit below a shorter one's", () => {
    expect(checkSpendingLimits(form({ daily: '60', weekly: '50' }))).toEqual({
      ok: false,
      errors: [{ field: 'weekly', reason: 'belowShorter', shorter: 'daily' }],
    });
    expect(checkSpendingLimits(form({ weekly: '300', monthly: '200' }))).toEqual({
      ok: false,
      errors: [{ field: 'monthly', reason: 'belowShorter', shorter: 'weekly' }],
    });
    expect(checkSpendingLimits(form({ daily: '60', monthly: '59' }))).toEqual({
      ok: false,
      errors: [{ field: 'monthly', reason: 'belowShorter', shorter: 'daily' }],
    });
    // Equal is fine: a week of 60 kr. with a day of 60 kr. is a real choice.
    expect(checkSpendingLimits(form({ daily: '60', weekly: '60', monthly: '60' })).ok).toBe(true);
  });

  it('shows stored limits as the form takes them', () => {
    expect(limitAsTyped(null)).toBe('');
    expect(limitAsTyped(6000)).toBe('60');
    expect(limitAsTyped(6050)).toBe('60,50');
  });
});
