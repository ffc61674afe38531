import { parse } from '@otplib/uri';
import { decodeBase32 } from './totp-plugins';
import { generateTotpSecret, totpKeyUri } from './totp-enrolment';

describe('generateTotpSecret', () => {
  it('makes 160 random bits in base32, different every time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateTotpSecret()));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(decodeBase32(secret)).toHaveLength(20);
    }
  });
});

describe('totpKeyUri', () => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('names the tenant product as issuer and the email as account', () => {
    const uri = totpKeyUri({ issuer: 'Gladsaxe Kortet', email: 'anne.hansen+kk@example.dk', secret });
    expect(uri).toBe(
      'otpauth://totp/Gladsaxe%20Kortet:anne.hansen%2Bkk%40example.dk' + `?secret=${secret}&issuer=Gladsaxe%20Kortet`,
    );
    expect(parse(uri)).toMatchObject({
      type: 'totp',
      label: 'Gladsaxe Kortet:anne.hansen+kk@example.dk',
      params: { secret, issuer: 'Gladsaxe Kortet' },
    });
  });

  it('keeps æøå, and keeps a colon in the product name from moving the issuer/account split', () => {
    const uri = totpKeyUri({ issuer: 'Sct. Ibs: Kantinekortet Ø', email: 'søren@skole.dk', secret });
    const parsed = parse(uri);
    expect(parsed.label).toBe('Sct. Ibs Kantinekortet Ø:søren@skole.dk');
    expect(parsed.params.issuer).toBe('Sct. Ibs Kantinekortet Ø');
  });
});
