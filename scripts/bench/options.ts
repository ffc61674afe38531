import { PGBENCH_MODES, type PgbenchMode } from './pgbench-load';

export interface BenchOptions {
  /** Seconds per measured phase. */
  readonly durationSeconds: number;
  /** Seconds of unreported load before the first round, so JIT, caches and pools are warm. */
  readonly warmupSeconds: number;
  /** pg clients in (a) and HTTP connections in (b). */
  readonly connections: number;
  readonly cards: number;
  readonly tenants: number;
  /** Tills per tenant; connection (lane) k uses till k mod tills of the card's tenant. */
  readonly tills: number;
  readonly rounds: number;
  /** The POS app's pool (DB_POOL_SIZE); 10 is the app's default. */
  readonly poolSize: number;
  /** øre per purchase. */
  readonly amount: number;
  readonly quick: boolean;
  /** pgbench's query mode in (c) and (d); prepared = what the POS app does (named statements). */
  readonly pgbenchMode: PgbenchMode;
  /** pg_stat_statements (track = all) on: the top list, at some cost to every phase. */
  readonly statementProfile: boolean;
}

const USAGE = `usage: npm run bench:pos -- [--quick] [--duration S] [--connections N] [--cards N] [--tenants N]
                            [--tills N] [--rounds N] [--warmup S] [--pool N] [--amount ORE]
                            [--pgbench-mode simple|extended|prepared] [--no-profile]
  Every option can also be given as BENCH_<NAME> in the environment (e.g. BENCH_DURATION=20,
  BENCH_PGBENCH_MODE=extended).
  --quick: a ~1 min smoke run (10,000 cards, 2 s phases).
  --pgbench-mode: how pgbench sends the calls of (c) and (d); default prepared, named statements
    as the POS app sends its calls (extended: the unnamed protocol it used before).
  --no-profile (BENCH_NO_PROFILE=1): no pg_stat_statements, to see what its tracking costs.
  --tills: tills per tenant (default 16, one per connection, as a till sends one purchase at a
    time); 1 puts every connection on the same till, as the bench did before issue 10.`;

const DEFAULTS = {
  duration: 10,
  warmup: 3,
  connections: 16,
  cards: 100_000,
  tenants: 10,
  tills: 16,
  rounds: 3,
  pool: 10,
  amount: 100,
};
const QUICK = { ...DEFAULTS, duration: 2, warmup: 2, cards: 10_000 };
type Name = keyof typeof DEFAULTS;
const NAMES = Object.keys(DEFAULTS) as Name[];

export class UsageError extends Error {}

/** Command-line flags win over BENCH_* variables, which win over the defaults (or --quick's). */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) throw new UsageError(USAGE);
  const quick = args.includes('--quick') || env.BENCH_QUICK === '1';
  const statementProfile = !(args.includes('--no-profile') || env.BENCH_NO_PROFILE === '1');
  const values: Record<Name, number> = { ...(quick ? QUICK : DEFAULTS) };
  let pgbenchMode = toPgbenchMode(env.BENCH_PGBENCH_MODE || 'prepared');
  for (const name of NAMES) {
    const fromEnv = env[`BENCH_${name.toUpperCase()}`];
    if (fromEnv !== undefined && fromEnv !== '') values[name] = toNumber(name, fromEnv);
  }
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--quick' || arg === '--no-profile') continue;
    const [flag, inline] = arg.split('=', 2);
    if (flag === '--pgbench-mode') {
      const raw = inline ?? args[++i];
      if (raw === undefined) throw new UsageError(`${flag} needs a value\n${USAGE}`);
      pgbenchMode = toPgbenchMode(raw);
      continue;
    }
    const name = NAMES.find((n) => `--${n}` === flag);
    if (!name) throw new UsageError(`unknown argument: ${arg}\n${USAGE}`);
    const raw = inline ?? args[++i];
    if (raw === undefined) throw new UsageError(`${flag} needs a value\n${USAGE}`);
    values[name] = toNumber(name, raw);
  }
  if (values.cards < values.tenants) throw new UsageError('--cards must be at least --tenants');
  return {
    durationSeconds: values.duration,
    warmupSeconds: values.warmup,
    connections: values.connections,
    cards: values.cards,
    tenants: values.tenants,
    tills: values.tills,
    rounds: values.rounds,
    poolSize: values.pool,
    amount: values.amount,
    quick,
    pgbenchMode,
    statementProfile,
  };
}

function toPgbenchMode(raw: string): PgbenchMode {
  const mode = PGBENCH_MODES.find((m) => m === raw);
  if (!mode) throw new UsageError(`invalid --pgbench-mode: ${raw} (one of ${PGBENCH_MODES.join(', ')})\n${USAGE}`);
  return mode;
}

function toNumber(name: Name, raw: string): number {
  const value = Number(raw);
  const wholeNumber = name !== 'duration' && name !== 'warmup';
  const valid =
    Number.isFinite(value) &&
    (wholeNumber ? Number.isInteger(value) && value >= 1 : name === 'warmup' ? value >= 0 : value > 0);
  // Tenants and tills are numbered in two digits (tenantSlug, seed.ts's tillName).
  if (!valid || ((name === 'tenants' || name === 'tills') && value > 99))
    throw new UsageError(`invalid --${name}: ${raw}\n${USAGE}`);
  return value;
}
