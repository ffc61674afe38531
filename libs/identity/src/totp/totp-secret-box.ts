import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
// Base32 of at least 128 bits, RFC 4226's minimum: anything else is a bug upstream.
const SECRET_SHAPE = /^[A-Z2-7]{26,128}$/;

export class TotpSecretBoxError extends Error {}

export interface TotpSecretBoxOptions {
  /** The version byte written with new ciphertexts; bump it when the key rotates. */
  readonly keyVersion?: number;
  /** Retired keys (base64) by version, still accepted for opening during a rotation. */
  readonly previousKeys?: Readonly<Record<number, string>>;
}

/**
 * TOTP secrets at rest: whoever reads one can make the login's codes, so the database holds
 * only AES-256-GCM ciphertext, `version | iv | tag | ciphertext` as CprCipher stores CPR
 * numbers. The key (MFA_ENCRYPTION_KEY, 32 bytes base64) lives outside the database and is
 * held as a KeyObject in a private field, so neither logging nor JSON.stringify shows it.
 */
export class TotpSecretBox {
  readonly #keys = new Map<number, KeyObject>();
  readonly #version: number;

  constructor(keyBase64: string, options: TotpSecretBoxOptions = {}) {
    this.#version = options.keyVersion ?? 1;
    assertVersion(this.#version);
    for (const [version, key] of Object.entries(options.previousKeys ?? {})) {
      assertVersion(Number(version));
      this.#keys.set(Number(version), encryptionKey(key));
    }
    this.#keys.set(this.#version, encryptionKey(keyBase64));
  }

  seal(secret: string): Buffer {
    if (!SECRET_SHAPE.test(secret)) throw new TotpSecretBoxError('a TOTP secret must be base32 of 128 bits or more');
    const version = Buffer.from([this.#version]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key(this.#version), iv);
    // The version byte is authenticated too, so it cannot be switched to another key.
    cipher.setAAD(version);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([version, iv, cipher.getAuthTag(), ciphertext]);
  }

  open(stored: Buffer): string {
    if (stored.length <= HEADER_BYTES)
      throw new TotpSecretBoxError('stored TOTP secret is too short to be a ciphertext');
    const version = stored.subarray(0, 1);
    const decipher = createDecipheriv('aes-256-gcm', this.#key(version[0]), stored.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(version);
    decipher.setAuthTag(stored.subarray(1 + IV_BYTES, HEADER_BYTES));
    try {
      return Buffer.concat([decipher.update(stored.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new TotpSecretBoxError('stored TOTP secret failed authentication (wrong key or tampered data)');
    }
  }

  toString(): string {
    return `TotpSecretBox(v${this.#version})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }

  #key(version: number): KeyObject {
    const key = this.#keys.get(version);
    if (!key) throw new TotpSecretBoxError(`no TOTP secret key for version ${version}`);
    return key;
  }
}

function encryptionKey(base64: string): KeyObject {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new TotpSecretBoxError('the TOTP secret key must be 32 bytes, base64-encoded');
  return createSecretKey(key);
}

function assertVersion(version: number): void {
  if (!Number.isInteger(version) || version < 1 || version > 255) {
    throw new TotpSecretBoxError('a TOTP secret key version must be an integer from 1 to 255');
  }
}
