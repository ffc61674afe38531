import { hashTillKey, tenantOfTillKey } from './till-key';

export interface Till {
  readonly tenantId: string;
  readonly tillId: string;
  readonly unitId: string;
  readonly name: string;
}

export interface SqlRunner {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

interface CacheEntry {
  readonly till: Till | undefined;
  readonly expiresAt: number;
}

export interface TillAuthenticatorOptions {
  /** How long a found till is trusted without asking the database (a revoked key works this long). */
  readonly ttlMs?: number;
  /** Unknown keys are remembered briefly so a misconfigured till cannot hammer the database. */
  readonly negativeTtlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** Bearer key -> till, with an in-memory cache: every purchase starts here. */
export class TillAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly db: SqlRunner,
    options: TillAuthenticatorOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async authenticate(authorization: string | undefined): Promise<Till | undefined> {
    const key = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!key) return undefined;
    const tenantId = tenantOfTillKey(key);
    if (!tenantId) return undefined;
    const hash = hashTillKey(key);
    const cacheKey = hash.toString('base64');
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > this.now()) return cached.till;

    const rows = await this.db.query<{ till_id: string; unit_id: string; name: string }>(
      'SELECT till_id, unit_id, name FROM pos_till_by_key($1, $2)',
      [tenantId, hash],
    );
    const row = rows[0];
    const till = row ? { tenantId, tillId: row.till_id, unitId: row.unit_id, name: row.name } : undefined;
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(cacheKey, { till, expiresAt: this.now() + (till ? this.ttlMs : this.negativeTtlMs) });
    return till;
  }

  /** After a key rotation or revocation in this process. */
  forgetAll(): void {
    this.cache.clear();
  }
}
