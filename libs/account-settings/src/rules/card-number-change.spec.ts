import { checkNewCardNumber } from './card-number-change';

const SCTIBS = { pattern: '[0-9]{16}', invalidMessage: 'Ugyldigt Kortnummer' };
const GLADSAXE = { pattern: '[A-Z0-9]{4,20}' };

describe('checkNewCardNumber ("Kortnummer" → Gem)', () => {
  it("takes exactly the tenant's pattern, after the usual normalising", () => {
    expect(checkNewCardNumber('1234 5678 9012 3456', SCTIBS, null)).toEqual({
      ok: true,
      cardNumber: '1234567890123456',
    });
    expect(checkNewCardNumber('glx12ab', GLADSAXE, null)).toEqual({ ok: true, cardNumber: 'GLX12AB' });
  });

  it.each(['123456789012345', '12345678901234567', '1234-5678-9012-3456', 'abcdefghijklmnop', '١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦'])(
    'refuses %j at Sct. Ibs (16 digits, else "Ugyldigt Kortnummer")',
    (typed) => {
      expect(checkNewCardNumber(typed, SCTIBS, null)).toEqual({
        ok: false,
        error: { field: 'cardNumber', reason: 'invalid' },
      });
    },
  );

  it('asks for a number when none was typed', () => {
    expect(checkNewCardNumber('   ', SCTIBS, null)).toEqual({
      ok: false,
      error: { field: 'cardNumber', reason: 'missing' },
    });
  });

  it("says so when the number is the account's card already", () => {
    expect(checkNewCardNumber('1234567890123456', SCTIBS, '1234567890123456')).toEqual({
      ok: false,
      error: { field: 'cardNumber', reason: 'same' },
    });
  });
});
