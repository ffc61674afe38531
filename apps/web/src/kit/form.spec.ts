import { z } from 'zod';
import { fieldError, formSchema, parseForm, postedText, textField, trimmedField } from './form';

describe('the form kit', () => {
  const form = formSchema({ email: trimmedField, code: textField });

  it('reads text fields as posted, trimmed where asked, and drops what the schema does not name', () => {
    expect(parseForm(form, { email: ' a@b.dk ', code: ' 12 ', _csrf: 't' }, 'da')).toEqual({
      ok: true,
      values: { email: 'a@b.dk', code: ' 12 ' },
    });
  });

  it.each([
    ['missing', {}],
    ['repeated', { email: ['a@b.dk', 'c@d.dk'], code: ['1', '2'] }],
    ['nested', { email: { x: 'a' }, code: { y: 1 } }],
    ['not an object at all', 'email=a'],
  ])('reads a %s field as the empty answer', (_case, body) => {
    expect(parseForm(form, body, 'da')).toEqual({ ok: true, values: { email: '', code: '' } });
  });

  it("names a refused field's error in the page's language", () => {
    const choice = formSchema({ decision: z.enum(['approve', 'reject']), requestId: textField });
    expect(parseForm(choice, { decision: 'maybe' }, 'da')).toEqual({
      ok: false,
      errors: { decision: 'Feltet er ikke udfyldt rigtigt.' },
    });
    expect(parseForm(choice, {}, 'en')).toEqual({
      ok: false,
      errors: { decision: 'This field is not filled in correctly.' },
    });
    const worded = formSchema({ decision: z.enum(['approve', 'reject'], fieldError('twoFactor.wrongCode')) });
    expect(parseForm(worded, {}, 'en')).toEqual({ ok: false, errors: { decision: expect.stringMatching(/code/i) } });
  });

  it('reads one field of a raw body as textField does', () => {
    expect(postedText({ cpr: '0101' }, 'cpr')).toBe('0101');
    expect(postedText({ cpr: ['1', '2'] }, 'cpr')).toBe('');
    expect(postedText(undefined, 'cpr')).toBe('');
  });
});
