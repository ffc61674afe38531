import { LRUCache } from 'lru-cache';
import { tillByKeyHash, type SqlRunner } from './pos.queries';
import { hashTillKey, tenantOfTillKey } from './till-key';

export interface Till {
  readonly tenantId: string;
  readonly tillId: string;
  readonly unitId: string;
  readonly name: string;
}

export type { SqlRunner };

export interface TillAuthenticatorOptions {
  /** How long a found till is trusted without asking the database (a revoked key works this long). */
  readonly ttlMs?: number;
  /** Unknown keys are remembered briefly so a misconfigured till cannot hammer the database. */
  readonly negativeTtlMs?: number;
  /** The bound of each cache (known tills, unknown keys). */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** A well-formed Bearer key: the tenant it names and the cache key (its SHA-256). */
interface PresentedKey {
  readonly tenantId: string;
  readonly hash: Buffer;
  readonly cacheKey: string;
}

/**
 * Bearer key -> till, with in-memory caches: every purchase starts here. Known tills and
 * unknown keys live in separate LRUs, so a flood of bogus keys only ever evicts other
 * bogus keys and a good till keeps being answered without the database.
 */
export class TillAuthenticator {
  private readonly known: LRUCache<string, Till>;
  private readonly unknown: LRUCache<string, true>;

  constructor(
    private readonly db: SqlRunner,
    options: TillAuthenticatorOptions = {},
  ) {
    const max = options.maxEntries ?? 10_000;
    // An injected clock is read on every check (lru-cache otherwise reuses "now" for 1 ms),
    // so a test that moves it sees expiry at once.
    const clock = options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {};
    this.known = new LRUCache<string, Till>({ max, ttl: options.ttlMs ?? 60_000, ...clock });
    this.unknown = new LRUCache<string, true>({ max, ttl: options.negativeTtlMs ?? 5_000, ...clock });
  }

  /** The till of a key already known to be good, without any I/O; undefined for anything else. */
  cachedTill(authorization: string | undefined): Till | undefined {
    const key = presentedKey(authorization);
    return key ? this.known.get(key.cacheKey) : undefined;
  }

  async authenticate(authorization: string | undefined): Promise<Till | undefined> {
    const key = presentedKey(authorization);
    if (!key) return undefined;
    const cached = this.known.get(key.cacheKey);
    if (cached) return cached;
    if (this.unknown.get(key.cacheKey)) return undefined;

    const row = await tillByKeyHash(this.db, key.tenantId, key.hash);
    if (!row) {
      this.unknown.set(key.cacheKey, true);
      return undefined;
    }
    const till = { tenantId: key.tenantId, tillId: row.till_id, unitId: row.unit_id, name: row.name };
    this.known.set(key.cacheKey, till);
    return till;
  }

  /** After a key rotation or revocation in this process. */
  forgetAll(): void {
    this.known.clear();
    this.unknown.clear();
  }
}

function presentedKey(authorization: string | undefined): PresentedKey | undefined {
  const key = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!key) return undefined;
  const tenantId = tenantOfTillKey(key);
  if (!tenantId) return undefined;
  const hash = hashTillKey(key);
  return { tenantId, hash, cacheKey: hash.toString('base64') };
}
