import { TillAuthenticator, type SqlRunner } from './till-authenticator';
import { generateTillKey, hashTillKey, tenantOfTillKey } from './till-key';

describe('till keys', () => {
  it('name their tenant and carry 256 random bits', () => {
    const key = generateTillKey('sctibs');
    expect(key).toMatch(/^kk_sctibs_[A-Za-z0-9_-]{43}$/);
    expect(tenantOfTillKey(key)).toBe('sctibs');
    expect(generateTillKey('sctibs')).not.toBe(key);
    expect(hashTillKey(key)).toHaveLength(32);
  });

  it('are refused when malformed', () => {
    expect(tenantOfTillKey('kk_sctibs_short')).toBeUndefined();
    expect(tenantOfTillKey(`kk_Bad_${'a'.repeat(43)}`)).toBeUndefined();
  });
});

describe('TillAuthenticator', () => {
  const TILL_ROW = { till_id: 't1', unit_id: 'u1', name: 'Kasse 1' };

  /** Knows every key (true), none (false) or just the given ones; counts every query. */
  function fakeDb(knows: boolean | ReadonlySet<string>): SqlRunner & { calls: unknown[][] } {
    const calls: unknown[][] = [];
    const goodHashes = typeof knows === 'boolean' ? undefined : new Set([...knows].map(hashOf));
    return {
      calls,
      query: <T>(_sql: string, params?: unknown[]) => {
        calls.push(params ?? []);
        const hash = params?.[1] instanceof Buffer ? params[1].toString('hex') : '';
        const known = goodHashes ? goodHashes.has(hash) : knows === true;
        return Promise.resolve((known ? [TILL_ROW] : []) as T[]);
      },
    };
  }
  const hashOf = (key: string): string => hashTillKey(key).toString('hex');

  // lru-cache reads a start time of 0 as "no TTL", so the fake clocks start later.
  it('looks a key up under the tenant the key names, by its SHA-256, and caches it', async () => {
    let now = 1_000;
    const db = fakeDb(true);
    const auth = new TillAuthenticator(db, { ttlMs: 1000, now: () => now });
    const key = generateTillKey('gladsaxe');
    const till = await auth.authenticate(`Bearer ${key}`);
    expect(till).toEqual({ tenantId: 'gladsaxe', tillId: 't1', unitId: 'u1', name: 'Kasse 1' });
    expect(db.calls).toEqual([['gladsaxe', hashTillKey(key)]]);
    await auth.authenticate(`Bearer ${key}`);
    expect(db.calls).toHaveLength(1);
    now += 1001;
    await auth.authenticate(`Bearer ${key}`);
    expect(db.calls).toHaveLength(2);
  });

  it('rejects missing, non-Bearer and malformed keys without asking the database', async () => {
    const db = fakeDb(true);
    const auth = new TillAuthenticator(db);
    for (const header of [undefined, '', 'Basic abc', 'Bearer', 'Bearer not-a-key']) {
      expect(await auth.authenticate(header)).toBeUndefined();
    }
    expect(db.calls).toHaveLength(0);
  });

  it('remembers an unknown key briefly', async () => {
    let now = 1_000;
    const db = fakeDb(false);
    const auth = new TillAuthenticator(db, { negativeTtlMs: 100, now: () => now });
    const header = `Bearer ${generateTillKey('sctibs')}`;
    expect(await auth.authenticate(header)).toBeUndefined();
    expect(await auth.authenticate(header)).toBeUndefined();
    expect(db.calls).toHaveLength(1);
    now += 101;
    await auth.authenticate(header);
    expect(db.calls).toHaveLength(2);
  });

  it('keeps answering a good till without the database through a flood of 20,000 bogus keys', async () => {
    const good = generateTillKey('sctibs');
    const db = fakeDb(new Set([good]));
    const auth = new TillAuthenticator(db);
    expect(await auth.authenticate(`Bearer ${good}`)).toMatchObject({ tillId: 't1' });
    for (let i = 0; i < 20_000; i++) {
      expect(await auth.authenticate(`Bearer ${generateTillKey('sctibs')}`)).toBeUndefined();
    }
    const queries = db.calls.length;
    expect(await auth.authenticate(`Bearer ${good}`)).toMatchObject({ tillId: 't1' });
    expect(db.calls.length).toBe(queries);
    expect(auth.cachedTill(`Bearer ${good}`)).toMatchObject({ tillId: 't1' });
  });

  it('answers cachedTill only for a key already found good, and never asks the database', async () => {
    const good = generateTillKey('sctibs');
    const bogus = generateTillKey('sctibs');
    const db = fakeDb(new Set([good]));
    const auth = new TillAuthenticator(db);
    expect(auth.cachedTill(`Bearer ${good}`)).toBeUndefined();
    await auth.authenticate(`Bearer ${good}`);
    await auth.authenticate(`Bearer ${bogus}`);
    const queries = db.calls.length;
    expect(auth.cachedTill(`Bearer ${good}`)).toEqual({
      tenantId: 'sctibs',
      tillId: 't1',
      unitId: 'u1',
      name: 'Kasse 1',
    });
    for (const header of [`Bearer ${bogus}`, undefined, 'Bearer nonsense', `Basic ${good}`]) {
      expect(auth.cachedTill(header)).toBeUndefined();
    }
    expect(db.calls.length).toBe(queries);
  });

  it('forgets both caches on forgetAll', async () => {
    const good = generateTillKey('sctibs');
    const bogus = generateTillKey('sctibs');
    const db = fakeDb(new Set([good]));
    const auth = new TillAuthenticator(db);
    await auth.authenticate(`Bearer ${good}`);
    await auth.authenticate(`Bearer ${bogus}`);
    auth.forgetAll();
    expect(auth.cachedTill(`Bearer ${good}`)).toBeUndefined();
    await auth.authenticate(`Bearer ${good}`);
    await auth.authenticate(`Bearer ${bogus}`);
    expect(db.calls).toHaveLength(4);
  });
});
