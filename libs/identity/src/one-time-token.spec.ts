import {
  generateActivationCode,
  generateToken,
  hashActivationCode,
  hashesEqual,
  hashToken,
  isActivationCodeShape,
  normalizeActivationCode,
} from './one-time-token';

describe('one-time tokens', () => {
  it('makes 32-byte base64url tokens, all different', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('stores a SHA-256 of the token, never the token', () => {
    const token = generateToken();
    const hash = hashToken(token);
    expect(hash).toHaveLength(32);
    expect(hash.toString('base64url')).not.toBe(token);
    expect(hashesEqual(hash, hashToken(token))).toBe(true);
    expect(hashesEqual(hash, hashToken(generateToken()))).toBe(false);
  });

  it('makes 6-digit activation codes with leading zeros kept, spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, () => generateActivationCode());
    for (const code of codes) expect(isActivationCodeShape(code)).toBe(true);
    const firstDigits = new Set(codes.map((c) => c[0]));
    expect(firstDigits.size).toBe(10);
  });

  it('reads a pasted code with spaces or dashes, and refuses other shapes', () => {
    expect(normalizeActivationCode(' 004 217 ')).toBe('004217');
    expect(normalizeActivationCode('004-217')).toBe('004217');
    expect(isActivationCodeShape('04217')).toBe(false);
    expect(isActivationCodeShape('0042170')).toBe(false);
    expect(isActivationCodeShape('00421a')).toBe(false);
  });

  it("binds a code's hash to its sign-up", () => {
    const a = '3f1c1c1e-0000-4000-8000-000000000001';
    const b = '3f1c1c1e-0000-4000-8000-000000000002';
    expect(hashesEqual(hashActivationCode(a, '123456'), hashActivationCode(a, '123456'))).toBe(true);
    expect(hashesEqual(hashActivationCode(a, '123456'), hashActivationCode(b, '123456'))).toBe(false);
    expect(hashesEqual(hashActivationCode(a, '123456'), hashActivationCode(a, '123457'))).toBe(false);
  });

  it('compares hashes of different lengths as unequal without throwing', () => {
    expect(hashesEqual(Buffer.alloc(32), Buffer.alloc(31))).toBe(false);
  });
});
