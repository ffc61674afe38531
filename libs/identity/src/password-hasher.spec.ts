import { OWASP_ARGON2ID, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id, 19 MiB, t=2, p=1 (OWASP) and verifies', async () => {
    const hash = await hasher.hash('hesten springer over broen');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await expect(hasher.verify(hash, 'hesten springer over broen')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'hesten springer over broen!')).resolves.toBe(false);
    expect(hasher.needsRehash(hash)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hasher.hash('samme kodeord')).not.toBe(await hasher.hash('samme kodeord'));
  });

  it('treats "å" composed and decomposed as the same password', async () => {
    const composed = 'bl\u00e5b\u00e6r-i-skoven';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const hash = await hasher.hash(composed);
    await expect(hasher.verify(hash, decomposed)).resolves.toBe(true);
    await expect(hasher.verify(await hasher.hash(decomposed), composed)).resolves.toBe(true);
    await expect(hasher.verify(hash, 'blab\u00e6r-i-skoven')).resolves.toBe(false);
  });

  it('answers false, not an exception, for a hash it cannot read', async () => {
    await expect(hasher.verify('not-a-hash', 'whatever')).resolves.toBe(false);
    expect(hasher.needsRehash('not-a-hash')).toBe(true);
  });

  it('asks for a rehash of a hash made with weaker parameters', async () => {
    const weak = new PasswordHasher({ ...OWASP_ARGON2ID, memoryCost: 8192 });
    expect(hasher.needsRehash(await weak.hash('gammelt kodeord'))).toBe(true);
  });

  it('does about the same work for an unknown email as for a real verification', async () => {
    const hash = await hasher.hash('et rigtigt kodeord');
    await hasher.dummyVerify('warm-up');
    const time = async (work: () => Promise<unknown>): Promise<number> => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 5; i += 1) await work();
      return Number(process.hrtime.bigint() - start);
    };
    const real = await time(() => hasher.verify(hash, 'forkert kodeord'));
    const dummy = await time(() => hasher.dummyVerify('forkert kodeord'));
    expect(dummy / real).toBeGreaterThan(0.33);
    expect(dummy / real).toBeLessThan(3);
    await expect(hasher.dummyVerify('x')).resolves.toBe(false);
  });
});
