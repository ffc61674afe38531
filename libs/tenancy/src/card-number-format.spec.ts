import { checkCardNumber } from './card-number-format';

describe('checkCardNumber', () => {
  const digits16 = { pattern: '[0-9]{16}', upperCase: false, invalidMessage: 'Ugyldigt Kortnummer' };
  const lettersAndDigits = { pattern: '[A-Z0-9]{4,20}', upperCase: true, invalidMessage: 'Ugyldigt kortnummer' };

  it('accepts exactly 16 digits, ignoring spaces', () => {
    expect(checkCardNumber(digits16, '1234 5678 9012 3456')).toEqual({ ok: true, cardNumber: '1234567890123456' });
  });

  it.each(['123456789012345', '12345678901234567', '123456789012345a', ''])(
    'rejects %p with the tenant text',
    (input) => {
      expect(checkCardNumber(digits16, input)).toEqual({ ok: false, message: 'Ugyldigt Kortnummer' });
    },
  );

  it('upper-cases letters where the tenant says so', () => {
    expect(checkCardNumber(lettersAndDigits, 'ab12cd')).toEqual({ ok: true, cardNumber: 'AB12CD' });
    expect(checkCardNumber({ ...lettersAndDigits, upperCase: false }, 'ab12cd').ok).toBe(false);
  });

  it('matches the whole number, not a part of it', () => {
    expect(checkCardNumber(lettersAndDigits, 'AB12-CD').ok).toBe(false);
  });
});
