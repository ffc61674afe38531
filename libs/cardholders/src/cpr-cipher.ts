import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { inspect } from 'node:util';
import { normalizeCpr } from './cpr';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export class CprCipherError extends Error {}

export interface CprCipherOptions {
  /** The version byte written with new ciphertexts; bump it when the encryption key rotates. */
  readonly keyVersion?: number;
  /** Retired encryption keys (base64) by version, still accepted for decryption during a rotation. */
  readonly previousKeys?: Readonly<Record<number, string>>;
}

/**
 * CPR numbers at rest: AES-256-GCM ciphertext stored as `version | iv | tag | ciphertext`,
 * and an HMAC-SHA256 blind index for equality lookups (an unkeyed hash of a CPR is
 * brute-forceable: there are only ~10^9 of them). Keys live outside the database and are
 * held as KeyObjects in private fields, so neither logging nor JSON.stringify reveals them.
 * The blind index cannot rotate by version: a new HMAC key means re-indexing every row.
 */
export class CprCipher {
  readonly #keys = new Map<number, KeyObject>();
  readonly #version: number;
  readonly #hmacKey: KeyObject;

  constructor(encryptionKeyBase64: string, hmacKeyBase64: string, options: CprCipherOptions = {}) {
    this.#version = options.keyVersion ?? 1;
    assertVersion(this.#version);
    for (const [version, key] of Object.entries(options.previousKeys ?? {})) {
      assertVersion(Number(version));
      this.#keys.set(Number(version), encryptionKey(key));
    }
    this.#keys.set(this.#version, encryptionKey(encryptionKeyBase64));
    const hmac = Buffer.from(hmacKeyBase64, 'base64');
    if (hmac.length < 32) throw new CprCipherError('the CPR HMAC key must be at least 32 bytes, base64-encoded');
    this.#hmacKey = createSecretKey(hmac);
  }

  encrypt(cpr: string): Buffer {
    const plain = Buffer.from(digitsOnly(cpr), 'utf8');
    const version = Buffer.from([this.#version]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key(this.#version), iv);
    // The version byte is authenticated too, so it cannot be switched to another key.
    cipher.setAAD(version);
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([version, iv, cipher.getAuthTag(), ciphertext]);
  }

  decrypt(stored: Buffer): string {
    if (stored.length <= HEADER_BYTES) throw new CprCipherError('stored CPR is too short to be a ciphertext');
    const version = stored.subarray(0, 1);
    const iv = stored.subarray(1, 1 + IV_BYTES);
    const tag = stored.subarray(1 + IV_BYTES, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#key(version[0]), iv);
    decipher.setAAD(version);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(stored.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new CprCipherError('stored CPR failed authentication (wrong key or tampered data)');
    }
  }

  /** Deterministic keyed hash: the same CPR always gives the same index, so it can be looked up. */
  blindIndex(cpr: string): Buffer {
    return createHmac('sha256', this.#hmacKey).update(digitsOnly(cpr), 'utf8').digest();
  }

  toString(): string {
    return `CprCipher(v${this.#version})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }

  #key(version: number): KeyObject {
    const key = this.#keys.get(version);
    if (!key) throw new CprCipherError(`no CPR encryption key for version ${version}`);
    return key;
  }
}

function encryptionKey(base64: string): KeyObject {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new CprCipherError('a CPR encryption key must be 32 bytes, base64-encoded');
  return createSecretKey(key);
}

function assertVersion(version: number): void {
  if (!Number.isInteger(version) || version < 1 || version > 255) {
    throw new CprCipherError('a CPR key version must be an integer from 1 to 255');
  }
}

// One canonical form, so `010190-1234` and `0101901234` share a ciphertext meaning and an index.
function digitsOnly(cpr: string): string {
  const digits = normalizeCpr(cpr);
  if (!/^\d{10}$/.test(digits)) throw new CprCipherError('a CPR number must be 10 digits');
  return digits;
}
