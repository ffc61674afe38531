import { checkAlertForm } from './alert-form';

describe('checkAlertForm', () => {
  it('takes whole kroner and an address, in øre and lower case', () => {
    expect(checkAlertForm({ amount: ' 50 ', email: ' Mor@Example.DK ' })).toEqual({
      ok: true,
      below: 5_000,
      email: 'mor@example.dk',
    });
  });

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['50,50', 'notWholeKroner'],
    ['50 kr', 'notWholeKroner'],
    ['-5', 'notWholeKroner'],
    ['1e3', 'notWholeKroner'],
    ['0', 'outOfRange'],
    ['10001', 'outOfRange'],
    ['99999999', 'notWholeKroner'],
  ])('refuses the amount %p (%s)', (amount, reason) => {
    expect(checkAlertForm({ amount, email: 'mor@example.dk' })).toEqual({
      ok: false,
      errors: [{ field: 'amount', reason }],
    });
  });

  it('accepts the edges 1 and 10.000 kr.', () => {
    expect(checkAlertForm({ amount: '1', email: 'a@b.dk' })).toMatchObject({ ok: true, below: 100 });
    expect(checkAlertForm({ amount: '10000', email: 'a@b.dk' })).toMatchObject({ ok: true, below: 1_000_000 });
  });

  it.each(['', 'mor', 'mor@example', 'mor @example.dk', `${'a'.repeat(250)}@b.dk`])(
    'refuses the address %p',
    (email) => {
      expect(checkAlertForm({ amount: '50', email })).toEqual({
        ok: false,
        errors: [{ field: 'email', reason: 'invalid' }],
      });
    },
  );

  it('reports every mistake at once', () => {
    const check = checkAlertForm({ amount: 'halvtreds', email: 'nej' });
    expect(check.ok ? [] : check.errors.map((e) => e.field)).toEqual(['amount', 'email']);
  });
});
