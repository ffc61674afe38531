import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { TotpSecretBox, TotpSecretBoxError } from './totp-secret-box';

const key = (bytes = 32): string => randomBytes(bytes).toString('base64');
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TotpSecretBox', () => {
  const keyBase64 = key();
  const box = new TotpSecretBox(keyBase64);

  it('round-trips a secret', () => {
    expect(box.open(box.seal(SECRET))).toBe(SECRET);
  });

  it('stores version | 12-byte IV | 16-byte tag | ciphertext, with no plaintext', () => {
    const stored = box.seal(SECRET);
    expect(stored[0]).toBe(1);
    expect(stored).toHaveLength(1 + 12 + 16 + SECRET.length);
    expect(stored.toString('latin1')).not.toContain(SECRET);
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal(SECRET).equals(box.seal(SECRET))).toBe(false);
  });

  it.each([
    ['the version byte', 0],
    ['the IV', 5],
    ['the tag', 20],
    ['the ciphertext', 35],
    ['the last byte', 60],
  ])('detects tampering with %s', (_what, index) => {
    const stored = box.seal(SECRET);
    stored[index] ^= 0x01;
    expect(() => box.open(stored)).toThrow(TotpSecretBoxError);
  });

  it('refuses a ciphertext sealed with another key, or cut short', () => {
    expect(() => new TotpSecretBox(key()).open(box.seal(SECRET))).toThrow('failed authentication');
    expect(() => box.open(box.seal(SECRET).subarray(0, 29))).toThrow('too short');
    expect(() => box.open(box.seal(SECRET).subarray(0, 40))).toThrow(TotpSecretBoxError);
  });

  it('opens with a retired key during a rotation, and seals with the new one', () => {
    const rotated = new TotpSecretBox(key(), { keyVersion: 2, previousKeys: { 1: keyBase64 } });
    expect(rotated.open(box.seal(SECRET))).toBe(SECRET);
    expect(rotated.seal(SECRET)[0]).toBe(2);
    expect(() => box.open(rotated.seal(SECRET))).toThrow('no TOTP secret key for version 2');
  });

  it('wants a 32-byte key and a valid version', () => {
    expect(() => new TotpSecretBox(key(16))).toThrow(TotpSecretBoxError);
    expect(() => new TotpSecretBox(key(33))).toThrow(TotpSecretBoxError);
    expect(() => new TotpSecretBox(keyBase64, { keyVersion: 0 })).toThrow(TotpSecretBoxError);
  });

  it('seals only a base32 secret of 128 bits or more', () => {
    for (const bad of [
      '',
      'JBSWY3DPEHPK3PXP',
      'gezdgnbvgy3tqojqgezdgnbvgy3tqojq',
      `otpauth://totp/x?secret=${SECRET}`,
    ]) {
      expect(() => box.seal(bad)).toThrow(TotpSecretBoxError);
    }
  });

  it('never reveals its key when printed or serialised', () => {
    const shown = [String(box), inspect(box, { showHidden: true, depth: 5 }), JSON.stringify({ box })];
    for (const text of shown) {
      expect(text).not.toContain(keyBase64);
      expect(text).not.toContain(Buffer.from(keyBase64, 'base64').toString('hex'));
    }
    expect(String(box)).toBe('TotpSecretBox(v1)');
  });
});
