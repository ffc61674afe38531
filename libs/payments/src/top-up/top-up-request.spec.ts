import { checkTopUpForm } from './top-up-request';

const settings = { autoTopUp: { minKroner: 100, maxKroner: 1000 } };

describe('checkTopUpForm ("Automatisk Optankning")', () => {
  it.each([
    ['100', 10_000],
    ['1000', 100_000],
    [' 250 ', 25_000],
  ])('takes %j kroner as %i øre', (amount, ore) => {
    expect(checkTopUpForm(settings, { amount, termsAccepted: true })).toEqual({ ok: true, amount: ore });
  });

  it.each([
    ['', { field: 'amount', reason: 'missing' }],
    ['99', { field: 'amount', reason: 'belowMinimum', kroner: 100 }],
    ['1001', { field: 'amount', reason: 'aboveMaximum', kroner: 1000 }],
    ['150,50', { field: 'amount', reason: 'notWholeKroner' }],
    ['-200', { field: 'amount', reason: 'notWholeKroner' }],
  ])('refuses %j', (amount, error) => {
    expect(checkTopUpForm(settings, { amount, termsAccepted: true })).toEqual({ ok: false, errors: [error] });
  });

  it('needs the terms accepted, and reports both mistakes at once', () => {
    expect(checkTopUpForm(settings, { amount: '', termsAccepted: false })).toEqual({
      ok: false,
      errors: [
        { field: 'amount', reason: 'missing' },
        { field: 'terms', reason: 'notAccepted' },
      ],
    });
  });
});
