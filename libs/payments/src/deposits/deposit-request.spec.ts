import { checkDepositForm, type DepositForm } from './deposit-request';

const settings = { deposit: { minKroner: 50, maxKroner: 2000 } };
const good: DepositForm = { method: 'card', amount: '300', receiptEmail: ' Mor@Example.dk ', termsAccepted: true };

function errorsOf(form: Partial<DepositForm>, offered: ('card' | 'mobilepay')[] = ['card']) {
  const checked = checkDepositForm(settings, offered, { ...good, ...form });
  return checked.ok ? [] : checked.errors;
}

describe('checkDepositForm ("Indbetal")', () => {
  it('takes whole kroner within the limits and gives øre, the email lower-cased', () => {
    expect(checkDepositForm(settings, ['card'], good)).toEqual({
      ok: true,
      request: { method: 'card', amount: 30_000, receiptEmail: 'mor@example.dk' },
    });
  });

  it.each([
    ['50', 5_000],
    ['2000', 200_000],
    [' 0300 ', 30_000],
  ])('accepts %j as %i øre (the limits are inclusive)', (amount, ore) => {
    const checked = checkDepositForm(settings, ['card'], { ...good, amount });
    expect(checked.ok && checked.request.amount).toBe(ore);
  });

  it.each([
    ['', { field: 'amount', reason: 'missing' }],
    ['   ', { field: 'amount', reason: 'missing' }],
    ['300,50', { field: 'amount', reason: 'notWholeKroner' }],
    ['300.5', { field: 'amount', reason: 'notWholeKroner' }],
    ['1.000', { field: 'amount', reason: 'notWholeKroner' }],
    ['300 kr', { field: 'amount', reason: 'notWholeKroner' }],
    ['-100', { field: 'amount', reason: 'notWholeKroner' }],
    ['1e3', { field: 'amount', reason: 'notWholeKroner' }],
    ['99999999', { field: 'amount', reason: 'notWholeKroner' }],
    ['49', { field: 'amount', reason: 'belowMinimum', kroner: 50 }],
    ['0', { field: 'amount', reason: 'belowMinimum', kroner: 50 }],
    ['2001', { field: 'amount', reason: 'aboveMaximum', kroner: 2000 }],
  ])('refuses the amount %j', (amount, error) => {
    expect(errorsOf({ amount })).toEqual([error]);
  });

  it('refuses a method the tenant does not offer, whatever the form says', () => {
    expect(errorsOf({ method: 'mobilepay' })).toEqual([{ field: 'method', reason: 'notOffered' }]);
    expect(errorsOf({ method: 'bitcoin' }, ['card', 'mobilepay'])).toEqual([{ field: 'method', reason: 'notOffered' }]);
    expect(errorsOf({ method: 'mobilepay' }, ['card', 'mobilepay'])).toEqual([]);
  });

  it.each(['', 'mor', 'mor@', 'mor@example', 'mor @example.dk', `${'a'.repeat(250)}@example.dk`])(
    'refuses the receipt email %j',
    (receiptEmail) => {
      expect(errorsOf({ receiptEmail })).toEqual([{ field: 'receiptEmail', reason: 'invalid' }]);
    },
  );

  it('needs the terms accepted', () => {
    expect(errorsOf({ termsAccepted: false })).toEqual([{ field: 'terms', reason: 'notAccepted' }]);
  });

  it('reports every mistake at once, in the order of the form', () => {
    expect(errorsOf({ method: 'x', amount: '', receiptEmail: '', termsAccepted: false }).map((e) => e.field)).toEqual([
      'method',
      'amount',
      'receiptEmail',
      'terms',
    ]);
  });
});
