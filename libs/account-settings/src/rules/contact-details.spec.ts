import { checkContactDetails, type ContactForm } from './contact-details';

const EMPTY: ContactForm = { email: '', street: '', postalCode: '', city: '' };

describe('checkContactDetails ("Adresse og kontakt")', () => {
  it('keeps a full Danish address and a lower-cased e-mail, spaces tidied', () => {
    expect(
      checkContactDetails({
        email: ' Mor@Example.DK ',
        street: ' Skolevej  12, 1. tv ',
        postalCode: '28 60',
        city: 'Søborg',
      }),
    ).toEqual({
      ok: true,
      details: { email: 'mor@example.dk', street: 'Skolevej 12, 1. tv', postalCode: '2860', city: 'Søborg' },
    });
  });

  it('takes nothing at all as nothing given', () => {
    expect(checkContactDetails(EMPTY)).toEqual({
      ok: true,
      details: { email: null, street: null, postalCode: null, city: null },
    });
  });

  it.each(['Kgs. Lyngby', 'København Ø', 'Hvide Sande', "L'Île", 'Ærøskøbing'])('accepts the town %j', (city) => {
    expect(checkContactDetails({ ...EMPTY, street: 'Vej 1', postalCode: '2800', city }).ok).toBe(true);
  });

  it('names each missing part of a half-filled address', () => {
    expect(checkContactDetails({ ...EMPTY, street: 'Skolevej 12' })).toEqual({
      ok: false,
      errors: [
        { field: 'postalCode', reason: 'missing' },
        { field: 'city', reason: 'missing' },
      ],
    });
    expect(checkContactDetails({ ...EMPTY, city: 'Søborg' })).toEqual({
      ok: false,
      errors: [
        { field: 'street', reason: 'missing' },
        { field: 'postalCode', reason: 'missing' },
      ],
    });
  });

  it.each([
    [{ email: 'mor@example' }, 'email', 'invalid'],
    [{ email: 'mor example.dk' }, 'email', 'invalid'],
    [{ email: `${'a'.repeat(250)}@x.dk` }, 'email', 'invalid'],
    [{ street: '12', postalCode: '2860', city: 'Søborg' }, 'street', 'invalid'],
    [{ street: 'x'.repeat(101), postalCode: '2860', city: 'Søborg' }, 'street', 'tooLong'],
    [{ street: 'Vej 1', postalCode: '286', city: 'Søborg' }, 'postalCode', 'invalid'],
    [{ street: 'Vej 1', postalCode: 'DK-2860', city: 'Søborg' }, 'postalCode', 'invalid'],
    [{ street: 'Vej 1', postalCode: '2860', city: '2860 Søborg' }, 'city', 'invalid'],
    [{ street: 'Vej 1', postalCode: '2860', city: 'S'.repeat(61) }, 'city', 'tooLong'],
  ])('refuses %j', (fields, field, reason) => {
    expect(checkContactDetails({ ...EMPTY, ...fields })).toEqual({ ok: false, errors: [{ field, reason }] });
  });
});
