import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import * as argon2 from 'argon2';
import { ConcurrencyLimit } from './concurrency-limit';

export interface Argon2Parameters {
  /** KiB. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, 2 iterations, 1 lane. */
export const OWASP_ARGON2ID: Argon2Parameters = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface PasswordHasherOptions {
  /**
   * How many hashes and verifications may run at once in this process (PASSWORD_HASH_CONCURRENCY);
   * the rest queue, first come first served. Unset: defaultHashConcurrency().
   */
  readonly concurrency?: number;
}

/**
 * One core fewer than the machine has, and at least one: a burst of logins then keeps a core
 * for the event loop (every other page) and PostgreSQL. Without a bound, argon2 takes all four
 * of libuv's threads, and a 2-core machine has nothing left for the pages while a burst lasts.
 */
export function defaultHashConcurrency(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Argon2id password hashing. Passwords are NFC-normalised first, so "æ" typed as one code
 * point or as "a" + combining mark is the same password on every device. A class, so the
 * web layer can use it as a DI token; one instance per process (it caches the dummy hash, and
 * its bound on concurrent hashing is per instance).
 */
export class PasswordHasher {
  readonly #options: argon2.HashOptions;
  readonly #pool: ConcurrencyLimit;
  #dummyHash: Promise<string> | undefined;

  constructor(parameters: Argon2Parameters = OWASP_ARGON2ID, options: PasswordHasherOptions = {}) {
    this.#options = { type: argon2.argon2id, ...parameters };
    this.#pool = new ConcurrencyLimit(options.concurrency ?? defaultHashConcurrency());
  }

  /** How many hashes may run at once, how many run and how many wait right now. */
  get load(): { readonly limit: number; readonly running: number; readonly waiting: number } {
    return { limit: this.#pool.limit, running: this.#pool.running, waiting: this.#pool.waiting };
  }

  hash(password: string): Promise<string> {
    const normalized = password.normalize('NFC');
    return this.#pool.run(() => argon2.hash(normalized, this.#options));
  }

  /** False for a wrong password and for a stored hash that cannot be read. */
  async verify(storedHash: string, password: string): Promise<boolean> {
    const normalized = password.normalize('NFC');
    try {
      return await this.#pool.run(() => argon2.verify(storedHash, normalized));
    } catch {
      // A malformed or foreign hash is a failed login, not a crash.
      return false;
    }
  }

  /** Costs what verify costs, waits in the same queue, and is always false: for an email that has no login. */
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
