import { checkCardNumber, checkCpr, checkEmail } from './identity-inputs';

describe('identity inputs', () => {
  it('lower-cases and trims emails, and refuses malformed ones', () => {
    expect(checkEmail('  Anne.Hansen@Example.DK ')).toEqual({ ok: true, value: 'anne.hansen@example.dk' });
    for (const bad of ['anne', 'anne@', '@example.dk', 'anne@example', 'an ne@example.dk', 'a@b..dk']) {
      expect(checkEmail(bad)).toMatchObject({ ok: false, field: 'email', key: 'emailInvalid' });
    }
    expect(checkEmail('   ')).toMatchObject({ ok: false, key: 'emailMissing' });
    expect(checkEmail(`${'a'.repeat(250)}@x.dk`)).toMatchObject({ ok: false, key: 'emailInvalid' });
  });

  it('accepts a CPR with or without the hyphen and maps the CPR messages to keys', () => {
    expect(checkCpr('010190-1234')).toEqual({ ok: true, value: '0101901234' });
    expect(checkCpr('')).toMatchObject({ ok: false, field: 'cpr', key: 'cprMissing' });
    expect(checkCpr('12345')).toMatchObject({ ok: false, key: 'cprNotTenDigits' });
    expect(checkCpr('3102901234')).toMatchObject({ ok: false, key: 'cprInvalidDate' });
  });

  it("normalises card numbers and uses the tenant's own wording for a wrong format", () => {
    expect(checkCardNumber(' ab12 cd ')).toEqual({ ok: true, value: 'AB12CD' });
    expect(checkCardNumber('  ')).toMatchObject({ ok: false, key: 'cardNumberMissing' });
    const rule = { pattern: '[0-9]{16}', invalidMessage: 'Ugyldigt Kortnummer' };
    expect(checkCardNumber('1234', rule)).toEqual({
      ok: false,
      field: 'cardNumber',
      key: 'cardNumberInvalid',
      message: 'Ugyldigt Kortnummer',
    });
    expect(checkCardNumber('1234 5678 9012 3456', rule)).toEqual({ ok: true, value: '1234567890123456' });
  });
});
