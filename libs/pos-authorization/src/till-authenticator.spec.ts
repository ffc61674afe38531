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
  function fakeDb(found: boolean): SqlRunner & { calls: unknown[][] } {
    const calls: unknown[][] = [];
    return {
      calls,
      query: <T>(_sql: string, params?: unknown[]) => {
        calls.push(params ?? []);
        return Promise.resolve((found ? [{ till_id: 't1', unit_id: 'u1', name: 'Kasse 1' }] : []) as T[]);
      },
    };
  }

  it('looks a key up under the tenant the key names, by its SHA-256, and caches it', async () => {
    let now = 0;
    const db = fakeDb(true);
    const auth = new TillAuthenticator(db, { ttlMs: 1000, now: () => now });
    const key = generateTillKey('gladsaxe');
    const till = await auth.authenticate(`Bearer ${key}`);
    expect(till).toEqual({ tenantId: 'gladsaxe', tillId: 't1', unitId: 'u1', name: 'Kasse 1' });
    expect(db.calls).toEqual([['gladsaxe', hashTillKey(key)]]);
    await auth.authenticate(`Bearer ${key}`);
    expect(db.calls).toHaveLength(1);
    now = 1001;
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
    let now = 0;
    const db = fakeDb(false);
    const auth = new TillAuthenticator(db, { negativeTtlMs: 100, now: () => now });
    const header = `Bearer ${generateTillKey('sctibs')}`;
    expect(await auth.authenticate(header)).toBeUndefined();
    expect(await auth.authenticate(header)).toBeUndefined();
    expect(db.calls).toHaveLength(1);
    now = 101;
    await auth.authenticate(header);
    expect(db.calls).toHaveLength(2);
  });
});
