import { COMMON_PASSWORDS } from './common-passwords';
import { identityMessage } from './identity-messages';
import { checkPassword, passwordLength } from './password-policy';

const keyOf = (password: string, email?: string): string => {
  const result = checkPassword(password, { email });
  return result.ok ? 'ok' : result.key;
};

describe('checkPassword', () => {
  it('accepts a long random password and a long passphrase', () => {
    expect(keyOf('vQ8#tr!m2Lp')).toBe('ok');
    expect(keyOf('hesten springer over den gule bro ved søen')).toBe('ok');
  });

  it('asks for at least 8 characters, counting an "æ" or an emoji as one', () => {
    expect(keyOf('')).toBe('passwordMissing');
    expect(keyOf('xK3#pq9')).toBe('passwordTooShort');
    expect(keyOf('xK3#pq9z')).toBe('ok');
    expect(passwordLength('æøå😀')).toBe(4);
    expect(keyOf('æøå😀xyz')).toBe('passwordTooShort');
  });

  it('allows 128 characters and refuses 129', () => {
    const base = 'Kantine-Frokost-Med-Rugbrød-';
    const long = base.repeat(5).slice(0, 128);
    expect(passwordLength(long)).toBe(128);
    expect(keyOf(long)).toBe('ok');
    expect(keyOf(`${long}x`)).toBe('passwordTooLong');
  });

  it.each(['kodeord', 'sommer2024', 'kantinekort', 'password1', 'Password123', 'qwertyuiop', 'KODEORD123'])(
    'refuses the common password %s, whatever its case',
    (password) => {
      expect(['passwordCommon', 'passwordTooShort']).toContain(keyOf(password));
    },
  );

  it('refuses a common word with a short run of digits or symbols around it', () => {
    expect(keyOf('Sommer2024!')).toBe('passwordCommon');
    expect(keyOf('kantinekort1234')).toBe('passwordCommon');
    expect(keyOf('123hejmeddig')).toBe('passwordCommon');
    expect(keyOf('gladsaxe2025')).toBe('passwordCommon');
    // A long random tail is real entropy, not decoration.
    expect(keyOf('monkey-8472910365')).toBe('ok');
  });

  // In the breached-password list (zxcvbn-ts) but not in the hand-typed list it replaced.
  it.each(['loverboy', 'zeppelin', 'hercules', 'icecream', 'bobafett', 'Zeppelin2024!', '1029384756'])(
    'refuses the breached password %s',
    (password) => {
      expect(keyOf(password)).toBe('passwordCommon');
    },
  );

  // That list leaves out number runs and keyboard walks (zxcvbn finds those by pattern).
  it.each(['987654321', '12121212', 'qwertzuiop', 'zaq1zaq1', 'Instagram2024'])(
    'still refuses the run or walk %s',
    (password) => {
      expect(keyOf(password)).toBe('passwordCommon');
    },
  );

  it('refuses one character repeated', () => {
    expect(keyOf('zzzzzzzzzzzz')).toBe('passwordCommon');
  });

  it('refuses extra context words such as the product name', () => {
    const result = checkPassword('Borgerkortet2024', { words: ['borgerkortet'] });
    expect(result.ok ? 'ok' : result.key).toBe('passwordCommon');
  });

  it("refuses a password containing the email's local part or a longer piece of it", () => {
    expect(keyOf('xxanne.hansenxx', 'Anne.Hansen@example.dk')).toBe('passwordContainsEmail');
    expect(keyOf('Hansen#Vej#17', 'anne.hansen@example.dk')).toBe('passwordContainsEmail');
    expect(keyOf('bob-er-sej-1987', 'bob@example.dk')).toBe('passwordContainsEmail');
    expect(keyOf('Regnvejr#Tirsdag', 'anne.hansen@example.dk')).toBe('ok');
  });

  it('answers in Danish, with an English variant under the same key', () => {
    const result = checkPassword('kort');
    expect(result).toEqual({
      ok: false,
      field: 'password',
      key: 'passwordTooShort',
      message: 'Adgangskoden skal være mindst 8 tegn',
    });
    expect(identityMessage('passwordTooShort', 'en')).toBe('The password must be at least 8 characters');
  });
});

describe('COMMON_PASSWORDS', () => {
  it('holds the ~49,000 breached passwords, lower-case, Danish ones among them', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(49_000);
    for (const word of ['123456', 'password', 'iloveyou', 'kodeord', 'sommer2024', 'kantinekort', 'password1']) {
      expect(COMMON_PASSWORDS.has(word)).toBe(true);
    }
    expect([...COMMON_PASSWORDS].filter((w) => w !== w.toLowerCase())).toEqual([]);
  });
});
