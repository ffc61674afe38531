import { createHmac, randomBytes } from 'node:crypto';
import { createBase32Plugin, createCryptoPlugin } from '@otplib/core';

/**
 * What otplib computes with. Its default plugins wrap @noble/hashes and @scure/base, which
 * are ESM-only and so cannot load in jest's CommonJS runtime; Node's own crypto (OpenSSL)
 * does the same HMAC and CSPRNG work, and base32 is a few lines. Comparison of codes stays
 * otplib's constant-time one.
 */
export const nodeCrypto = createCryptoPlugin({
  name: 'node',
  hmac: (algorithm, key, data) => createHmac(algorithm, key).update(data).digest(),
  randomBytes: (length) => randomBytes(length),
});

export const base32 = createBase32Plugin({ name: 'rfc4648', encode: encodeBase32, decode: decodeBase32 });

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps expect it. */
export function encodeBase32(data: Uint8Array): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of data) {
    value = ((value << 8) | byte) & 0x1fff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + ALPHABET[(value << (5 - bits)) & 31] : out;
}

/** Accepts lower case and trailing padding; throws on any other character. */
export function decodeBase32(text: string): Uint8Array {
  const out: number[] = [];
  let value = 0;
  let bits = 0;
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = ALPHABET.indexOf(char);
    // The text is a secret: the message does not repeat it.
    if (index === -1) throw new Error('the TOTP secret is not base32');
    value = ((value << 5) | index) & 0x1fff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}
