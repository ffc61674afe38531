import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { CprCipher, CprCipherError } from './cpr-cipher';

const key = (bytes = 32): string => randomBytes(bytes).toString('base64');

describe('CprCipher', () => {
  const encryptionKey = key();
  const hmacKey = key();
  const cipher = new CprCipher(encryptionKey, hmacKey);

  it('round-trips a CPR number', () => {
    expect(cipher.decrypt(cipher.encrypt('0101901234'))).toBe('0101901234');
    expect(cipher.decrypt(cipher.encrypt('010190-1234'))).toBe('0101901234');
  });

  it('stores version | 12-byte IV | 16-byte tag | ciphertext, with no plaintext digits', () => {
    const stored = cipher.encrypt('0101901234');
    expect(stored[0]).toBe(1);
    expect(stored.length).toBe(1 + 12 + 16 + 10);
    expect(stored.toString('latin1')).not.toContain('0101901234');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt('0101901234').equals(cipher.encrypt('0101901234'))).toBe(false);
  });

  it.each([
    ['the version byte', 0],
    ['the IV', 5],
    ['the tag', 20],
    ['the ciphertext', 35],
  ])('detects tampering with %s', (_what, index) => {
    const stored = cipher.encrypt('0101901234');
    stored[index] ^= 0x01;
    expect(() => cipher.decrypt(stored)).toThrow(CprCipherError);
  });

  it('refuses a ciphertext made with another key', () => {
    const other = new CprCipher(key(), hmacKey);
    expect(() => other.decrypt(cipher.encrypt('0101901234'))).toThrow(CprCipherError);
  });

  it('refuses truncated data', () => {
    expect(() => cipher.decrypt(Buffer.alloc(10))).toThrow(CprCipherError);
  });

  it('decrypts with a retired key during a key rotation', () => {
    const rotated = new CprCipher(key(), hmacKey, { keyVersion: 2, previousKeys: { 1: encryptionKey } });
    expect(rotated.decrypt(cipher.encrypt('0101901234'))).toBe('0101901234');
    expect(rotated.encrypt('0101901234')[0]).toBe(2);
  });

  it('gives a deterministic blind index per key, the same for both written forms', () => {
    const index = cipher.blindIndex('0101901234');
    expect(index).toHaveLength(32);
    expect(cipher.blindIndex('010190-1234').equals(index)).toBe(true);
    expect(new CprCipher(key(), hmacKey).blindIndex('0101901234').equals(index)).toBe(true);
    expect(cipher.blindIndex('0101901235').equals(index)).toBe(false);
    expect(new CprCipher(encryptionKey, key()).blindIndex('0101901234').equals(index)).toBe(false);
  });

  it('refuses what is not a CPR number, without echoing it', () => {
    expect(() => cipher.encrypt('12345')).toThrow('a CPR number must be 10 digits');
    expect(() => cipher.blindIndex('')).toThrow(CprCipherError);
  });

  it('rejects keys of the wrong size', () => {
    expect(() => new CprCipher(key(16), hmacKey)).toThrow(CprCipherError);
    expect(() => new CprCipher(encryptionKey, key(16))).toThrow(CprCipherError);
  });

  it('never reveals its keys when printed or serialised', () => {
    const shown = [String(cipher), inspect(cipher, { showHidden: true, depth: 5 }), JSON.stringify({ cipher })];
    for (const text of shown) {
      expect(text).not.toContain(encryptionKey);
      expect(text).not.toContain(hmacKey);
      expect(text).not.toContain(Buffer.from(encryptionKey, 'base64').toString('hex'));
    }
    expect(String(cipher)).toBe('CprCipher(v1)');
  });
});
