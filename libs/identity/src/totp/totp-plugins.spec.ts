import { base32, decodeBase32, encodeBase32, nodeCrypto } from './totp-plugins';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('base32', () => {
  // RFC 4648 section 10, without the padding apps leave out.
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %s and back', (text, encoded) => {
    expect(encodeBase32(bytes(text))).toBe(encoded);
    expect(decodeBase32(encoded)).toEqual(bytes(text));
  });

  it('decodes the RFC 6238 seed, in lower case and with padding too', () => {
    const seed = bytes('12345678901234567890');
    expect(decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toEqual(seed);
    expect(decodeBase32('gezdgnbvgy3tqojqgezdgnbvgy3tqojq')).toEqual(seed);
    expect(decodeBase32('MZXW6YTBOI======')).toEqual(bytes('foobar'));
  });

  it('refuses other characters without repeating the secret', () => {
    expect(() => decodeBase32('GEZDGNBV1')).toThrow('the TOTP secret is not base32');
    expect(() => base32.decode('GEZD GNBV')).toThrow();
  });
});

describe('nodeCrypto', () => {
  it('computes HMAC-SHA1 as RFC 2202 test case 2 has it', async () => {
    const digest = await nodeCrypto.hmac('sha1', bytes('Jefe'), bytes('what do ya want for nothing?'));
    expect(Buffer.from(digest).toString('hex')).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  });
});
