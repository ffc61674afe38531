/**
 * `npm run bench:portal -- [options]`:
 *
 *   --quick               3 s phases, 2 rounds, a 1 s warm-up (a smoke run; figures are noisy)
 *   --seconds N           seconds per measured phase (default 20)
 *   --rounds N            rounds of the phases on each portal process, interleaved (default 3; --quick 2)
 *   --users N             signed-in parents browsing at once per tenant (default 20)
 *   --burst N             logins fired at once in a login burst (default 100)
 *   --hash-concurrency N  the portal's PASSWORD_HASH_CONCURRENCY (default: the app's own default)
 *   --compare-bound N     then again with the bound at N, for comparison (default 4, libuv's
 *                         thread count, which is what argon2 had before the pool); 0 skips it
 *   --cpu-prof DIR        run each portal under node --cpu-prof, its profile written to DIR on stop
 *   --think-ms N          also browse at a reader's pace: each user reads a page 0.5–1.5 × N ms
 *                         before the next (default 1000); 0 skips that phase
 *   --no-profile          no pg_stat_statements (and no count of each page's database statements)
 */
export interface PortalBenchOptions {
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly rounds: number;
  readonly users: number;
  readonly burst: number;
  readonly hashConcurrency: number | undefined;
  readonly compareBound: number;
  readonly cpuProfileDir: string | undefined;
  readonly statementProfile: boolean;
  readonly thinkMs: number;
}

export function portalBenchOptions(argv: readonly string[]): PortalBenchOptions {
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const count = (name: string, fallback: number, min = 1): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} wants a whole number ≥ ${min}, got ${text}`);
    return n;
  };
  const hashConcurrency = value('--hash-concurrency');
  return {
    seconds: count('--seconds', quick ? 3 : 20),
    warmupSeconds: quick ? 1 : 3,
    rounds: count('--rounds', quick ? 2 : 3),
    users: count('--users', 20),
    burst: count('--burst', 100),
    hashConcurrency: hashConcurrency === undefined ? undefined : count('--hash-concurrency', 1),
    compareBound: count('--compare-bound', 4, 0),
    cpuProfileDir: value('--cpu-prof'),
    statementProfile: !argv.includes('--no-profile'),
    thinkMs: count('--think-ms', 1000, 0),
  };
}
