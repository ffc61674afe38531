import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';

export interface Argon2Parameters {
  /** KiB. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, 2 iterations, 1 lane. */
export const OWASP_ARGON2ID: Argon2Parameters = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Argon2id password hashing. Passwords are NFC-normalised first, so "æ" typed as one code
 * point or as "a" + combining mark is the same password on every device. A class, so the
 * web layer can use it as a DI token; one instance per process (it caches the dummy hash).
 */
export class PasswordHasher {
  readonly #options: argon2.HashOptions;
  #dummyHash: Promise<string> | undefined;

  constructor(parameters: Argon2Parameters = OWASP_ARGON2ID) {
    this.#options = { type: argon2.argon2id, ...parameters };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password.normalize('NFC'), this.#options);
  }

  /** False for a wrong password and for a stored hash that cannot be read. */
  async verify(storedHash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(storedHash, password.normalize('NFC'));
    } catch {
      // A malformed or foreign hash is a failed login, not a crash.
      return false;
    }
  }

  /** Costs what verify costs and is always false: for an email that has no login. */
  async dummyVerify(password: string): Promise<false> {
    // A real hash of a random secret with today's parameters, so the work is the same.
    this.#dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.#dummyHash, password);
    return false;
  }

  /** True when a hash was made with another variant or other costs than today's. */
  needsRehash(storedHash: string): boolean {
    // argon2.needsRehash compares the costs only, not the variant.
    if (!storedHash.startsWith('$argon2id$')) return true;
    try {
      return argon2.needsRehash(storedHash, this.#options);
    } catch {
      return true;
    }
  }
}
