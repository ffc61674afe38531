import { CARD_NUMBER_MESSAGES, normalizeCardNumber, validateCardNumber } from './card-number';

describe('normalizeCardNumber', () => {
  it('drops spaces and upper-cases letters', () => {
    expect(normalizeCardNumber(' 1234 5678\t9012 3456 ')).toBe('1234567890123456');
    expect(normalizeCardNumber('ab12 cd')).toBe('AB12CD');
  });
});

describe('validateCardNumber', () => {
  const sixteenDigits = { pattern: /\d{16}/, invalidMessage: 'Ugyldigt Kortnummer' };

  it('accepts a number in the tenant format, normalised', () => {
    expect(validateCardNumber('1234 5678 9012 3456', sixteenDigits)).toEqual({
      ok: true,
      cardNumber: '1234567890123456',
    });
  });

  it('matches the whole number, so 17 digits do not pass a 16-digit format', () => {
    expect(validateCardNumber('12345678901234567', sixteenDigits)).toEqual({
      ok: false,
      message: 'Ugyldigt Kortnummer',
    });
  });

  it('takes the pattern as a RegExp source string, as tenant configs hold it', () => {
    const lettersAndDigits = { pattern: '[A-Z0-9]{4,32}' };
    expect(validateCardNumber('gx12ab', lettersAndDigits)).toEqual({ ok: true, cardNumber: 'GX12AB' });
    expect(validateCardNumber('GX1', lettersAndDigits)).toEqual({ ok: false, message: CARD_NUMBER_MESSAGES.invalid });
  });

  it('ignores a global flag that would make matching stateful', () => {
    const rule = { pattern: /\d{4}/g };
    expect(validateCardNumber('1234', rule).ok).toBe(true);
    expect(validateCardNumber('1234', rule).ok).toBe(true);
  });

  it('refuses what the database cannot store, whatever the tenant format says', () => {
    expect(validateCardNumber('AB-12', { pattern: '.+' }).ok).toBe(false);
    expect(validateCardNumber('Æ123', { pattern: '.+' }).ok).toBe(false);
    expect(validateCardNumber('1'.repeat(65), { pattern: '.+' }).ok).toBe(false);
  });

  it('says when the number is missing', () => {
    expect(validateCardNumber('  ', sixteenDigits)).toEqual({ ok: false, message: CARD_NUMBER_MESSAGES.missing });
  });
});
