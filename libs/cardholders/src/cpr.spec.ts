import { CPR_MESSAGES, cprBirthDate, maskCpr, normalizeCpr, validateCpr } from './cpr';

describe('normalizeCpr', () => {
  it.each([
    ['0101901234', '0101901234'],
    ['010190-1234', '0101901234'],
    ['  010190-1234 ', '0101901234'],
  ])('%p -> %p', (input, expected) => {
    expect(normalizeCpr(input)).toBe(expected);
  });

  it('leaves anything else alone (trimmed), for validation to reject', () => {
    expect(normalizeCpr(' 0101-901234 ')).toBe('0101-901234');
  });
});

describe('validateCpr', () => {
  it('accepts both written forms', () => {
    expect(validateCpr('010190-1234')).toEqual({ ok: true, cpr: '0101901234' });
    expect(validateCpr('0101901234')).toEqual({ ok: true, cpr: '0101901234' });
  });

  it('accepts a number that fails the modulus-11 check (issued since 2007)', () => {
    const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    const sum = [...'0101901234'].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
    expect(sum % 11).not.toBe(0);
    expect(validateCpr('0101901234').ok).toBe(true);
  });

  it('accepts 29 February in a leap year', () => {
    expect(validateCpr('290296-1234').ok).toBe(true); // 1996
    expect(validateCpr('290200-4321').ok).toBe(true); // 2000: digit 4, YY 00
  });

  it('rejects 29 February in a year that is not a leap year', () => {
    expect(validateCpr('290297-1234')).toEqual({ ok: false, message: CPR_MESSAGES.invalidDate });
    // Digit 7 = 1 puts YY 00 in 1900, which (divisible by 100, not 400) was no leap year.
    expect(validateCpr('290200-1234')).toEqual({ ok: false, message: CPR_MESSAGES.invalidDate });
  });

  it.each(['320190-1234', '000190-1234', '311190-1234', '010090-1234', '011390-1234'])(
    'rejects the impossible date in %p',
    (cpr) => {
      expect(validateCpr(cpr)).toEqual({ ok: false, message: CPR_MESSAGES.invalidDate });
    },
  );

  it.each(['010190123', '01019012345', '010190-123', 'O101901234', '010190 1234', '010190--1234', 'abcdefghij'])(
    'rejects %p: not 10 digits',
    (cpr) => {
      expect(validateCpr(cpr)).toEqual({ ok: false, message: 'CPR-nummeret skal være 10 cifre' });
    },
  );

  it('says when the number is missing', () => {
    expect(validateCpr('   ')).toEqual({ ok: false, message: CPR_MESSAGES.missing });
  });
});

describe('cprBirthDate: century from the 7th digit', () => {
  it.each([
    ['0101000000', 1900],
    ['0101993999', 1999],
    ['0101364000', 2036],
    ['0101374000', 1937],
    ['0101369000', 2036],
    ['0101379000', 1937],
    ['0101575000', 2057],
    ['0101588000', 1858],
    ['0101996999', 1899],
  ])('%p was born in %p', (cpr, year) => {
    expect(cprBirthDate(cpr)?.year).toBe(year);
  });

  it('gives day and month', () => {
    expect(cprBirthDate('2512841234')).toEqual({ year: 1984, month: 12, day: 25 });
  });
});

describe('maskCpr', () => {
  it('shows the birth date and hides the serial number', () => {
    expect(maskCpr('0101901234')).toBe('010190-XXXX');
    expect(maskCpr('010190-1234')).toBe('010190-XXXX');
  });

  it('hides everything when the input is not a CPR number', () => {
    expect(maskCpr('12345')).toBe('XXXXXX-XXXX');
  });
});
