import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { generateTillKey, hashTillKey, TillAuthenticator, type SqlRunner } from '@kk/pos-authorization';
import { FailedAuthLimiter } from './failed-auth-limiter';
import { ProblemException } from './problem';
import { TillAuthGuard, type TillRequest } from './till-auth.guard';
import { TillRateLimiter } from './till-rate-limiter';

/** A database that knows the given keys and counts how often it is asked. */
function countingDb(goodKeys: readonly string[]): SqlRunner & { queries: number } {
  const good = new Set(goodKeys.map((key) => hashTillKey(key).toString('hex')));
  const db = {
    queries: 0,
    query: <T>(_sql: string, params?: unknown[]): Promise<T[]> => {
      db.queries += 1;
      const hash = params?.[1] instanceof Buffer ? params[1].toString('hex') : '';
      return Promise.resolve(
        (good.has(hash) ? [{ till_id: hash.slice(0, 8), unit_id: 'u1', name: 'Kasse' }] : []) as T[],
      );
    },
  };
  return db;
}

function contextFor(ip: string, authorization?: string): ExecutionContext {
  const request = { ip, headers: authorization === undefined ? {} : { authorization } } as TillRequest;
  const handler = (): void => undefined;
  return {
    getHandler: () => handler,
    getClass: () => TillAuthGuard,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

async function statusOf(guard: TillAuthGuard, context: ExecutionContext): Promise<number> {
  try {
    return (await guard.canActivate(context)) ? 200 : 403;
  } catch (error) {
    if (error instanceof ProblemException) return error.getStatus();
    throw error;
  }
}

describe('TillAuthGuard: the failed-authentication limit per address', () => {
  const ATTACKER = '203.0.113.7';
  const knownTill = generateTillKey('sctibs');
  const unseenTill = generateTillKey('sctibs');
  let now: number;
  let db: ReturnType<typeof countingDb>;
  let guard: TillAuthGuard;

  beforeEach(() => {
    now = 1_000_000;
    db = countingDb([knownTill, unseenTill]);
    guard = new TillAuthGuard(
      new Reflector(),
      new TillAuthenticator(db),
      new TillRateLimiter(1_000_000),
      new FailedAuthLimiter(undefined, () => now),
    );
  });

  async function exhaustBudget(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      expect(await statusOf(guard, contextFor(ATTACKER, `Bearer ${generateTillKey('sctibs')}`))).toBe(401);
    }
  }

  it('answers 429 with Retry-After, before the database is asked, once an address used up its failures', async () => {
    await exhaustBudget();
    const asked = db.queries;
    expect(asked).toBe(20);
    for (const header of [
      `Bearer ${generateTillKey('sctibs')}`,
      undefined,
      'Bearer nonsense',
      `Bearer ${unseenTill}`,
    ]) {
      const refused = await guard.canActivate(contextFor(ATTACKER, header)).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ProblemException);
      const problem = refused as ProblemException;
      expect([problem.getStatus(), problem.slug, problem.headers['retry-after']]).toEqual([
        429,
        'too-many-failed-authentications',
        '3',
      ]);
    }
    expect(db.queries).toBe(asked);
  });

  it('never blocks a till whose key is already known good', async () => {
    expect(await statusOf(guard, contextFor(ATTACKER, `Bearer ${knownTill}`))).toBe(200);
    await exhaustBudget();
    const asked = db.queries;
    expect(await statusOf(guard, contextFor(ATTACKER, `Bearer ${knownTill}`))).toBe(200);
    expect(db.queries).toBe(asked);
  });

  it('counts missing and malformed keys too, keeps other addresses apart, and refills over time', async () => {
    for (let i = 0; i < 10; i++) expect(await statusOf(guard, contextFor(ATTACKER))).toBe(401);
    for (let i = 0; i < 10; i++) expect(await statusOf(guard, contextFor(ATTACKER, 'Bearer nonsense'))).toBe(401);
    expect(await statusOf(guard, contextFor(ATTACKER))).toBe(429);
    expect(await statusOf(guard, contextFor('198.51.100.1'))).toBe(401);
    expect(db.queries).toBe(0);
    now += 3000;
    expect(await statusOf(guard, contextFor(ATTACKER))).toBe(401);
    expect(await statusOf(guard, contextFor(ATTACKER))).toBe(429);
  });

  it('does not count a valid key that had to be looked up', async () => {
    for (let i = 0; i < 19; i++) await statusOf(guard, contextFor(ATTACKER));
    expect(await statusOf(guard, contextFor(ATTACKER, `Bearer ${unseenTill}`))).toBe(200);
    expect(await statusOf(guard, contextFor(ATTACKER))).toBe(401);
    expect(await statusOf(guard, contextFor(ATTACKER))).toBe(429);
  });
});
