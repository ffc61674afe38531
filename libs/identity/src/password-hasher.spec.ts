import { availableParallelism } from 'node:os';
import type * as Argon2 from 'argon2';
import { defaultHashConcurrency, OWASP_ARGON2ID, PasswordHasher } from './password-hasher';

/** How many argon2 calls run at once: the real argon2, wrapped to count (jest hoists this above the imports). */
interface Argon2Calls {
  running: number;
  most: number;
  total: number;
  reset(): void;
}
jest.mock('argon2', () => {
  const real = jest.requireActual<typeof Argon2>('argon2');
  const calls: Argon2Calls = {
    running: 0,
    most: 0,
    total: 0,
    reset() {
      this.most = this.running;
      this.total = 0;
    },
  };
  const counted =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      calls.running += 1;
      calls.total += 1;
      calls.most = Math.max(calls.most, calls.running);
      try {
        return await call(...args);
      } finally {
        calls.running -= 1;
      }
    };
  return { ...real, hash: counted(real.hash), verify: counted(real.verify), calls };
});
const argon2Calls = (): Argon2Calls => jest.requireMock<{ calls: Argon2Calls }>('argon2').calls;

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

describe('PasswordHasher: the bound on hashing at once', () => {
  // Cheap parameters: the calls overlap only if the bound lets them.
  const CHEAP = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

  beforeEach(() => argon2Calls().reset());

  it('never has more than `concurrency` argon2 calls running, dummy verifications included', async () => {
    const hasher = new PasswordHasher(CHEAP, { concurrency: 2 });
    const stored = await hasher.hash('et kodeord');
    argon2Calls().reset();
    const work = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0
        ? hasher.dummyVerify('ukendt')
        : i % 3 === 1
          ? hasher.verify(stored, i % 2 ? 'et kodeord' : 'forkert')
          : hasher.hash(`kodeord ${i}`),
    );
    await Promise.resolve();
    expect(hasher.load.running).toBe(2);
    // The dummy verifications queue once the one dummy hash is made; the rest wait now.
    expect(hasher.load.waiting).toBe(15);
    const answers = await Promise.all(work);
    // 24 calls, plus the dummy hash made once.
    expect(argon2Calls().total).toBe(25);
    expect(argon2Calls().most).toBe(2);
    expect(answers.filter((a) => a === true)).toHaveLength(4);
    expect(hasher.load).toEqual({ limit: 2, running: 0, waiting: 0 });
  });

  it('lets as many run as the bound allows (so the count above can see overlap)', async () => {
    const hasher = new PasswordHasher(CHEAP, { concurrency: 8 });
    await Promise.all(Array.from({ length: 16 }, (_, i) => hasher.hash(`kodeord ${i}`)));
    expect(argon2Calls().most).toBeGreaterThan(2);
    expect(argon2Calls().most).toBeLessThanOrEqual(8);
  });

  it('gives the place back after a hash it cannot read', async () => {
    const hasher = new PasswordHasher(CHEAP, { concurrency: 1 });
    await expect(hasher.verify('not-a-hash', 'x')).resolves.toBe(false);
    await expect(hasher.verify(await hasher.hash('y'), 'y')).resolves.toBe(true);
    expect(hasher.load).toEqual({ limit: 1, running: 0, waiting: 0 });
  });

  it('defaults to one fewer than the cores, at least one', () => {
    expect(defaultHashConcurrency()).toBe(Math.max(1, availableParallelism() - 1));
    expect(new PasswordHasher(CHEAP).load.limit).toBe(defaultHashConcurrency());
  });
});
