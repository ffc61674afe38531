import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { Module, type DynamicModule } from '@nestjs/common';
import hbs from 'hbs';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { CARDHOLDER_ENTITIES, CardholdersModule, CprCipher, createCardholderWithAccount } from '@kk/cardholders';
import { createAppDataSource, inTenant, syncTenants } from '@kk/database';
import { IDENTITY_ENTITIES, IdentityModule, loginIdOf, MyAccountsService, TotpSecretBox } from '@kk/identity';
import { systemAccountId } from '@kk/ledger';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { generateTillKey, hashTillKey, PosAuthorizationService, type Till } from '@kk/pos-authorization';
import {
  STATEMENT_PAGE_SIZE,
  StatementService,
  StatementsModule,
  statementCsvFile,
  statementPdfFile,
  statementQueryPlans,
  type PageQuery,
  type Statement,
  type StatementPage,
} from '@kk/statements';
import { TenantTransactions } from '@kk/tenant-transactions';
import { defaultTenantsDir, loadTenants, type TenantConfig } from '@kk/tenancy';
import { TenantDatabaseModule } from '@kk/tenant-database';
import { registerViewHelpers } from '@kk/web-kit';
import { statementPage } from '../../apps/web/src/statements/statement-views';
import type { SignedInPageContext } from '../../apps/web/src/kit';
import { Cleanup } from './cleanup';
import { cpuSnapshot, postmasterPid } from './cpu';
import { startBenchDatabase, type BenchDatabase } from './database';

/**
 * `npm run bench:statement`: a year of one pupil's canteen life (five purchases a day at three
 * tills, a reversal a month, two deposits a week: ~1,950 movements) amid 200 other
 * wallets' postings, then the statement of that year timed as the portal makes it — the
 * access check, the two queries and the presenter plus Handlebars (page), and the PDF and CSV
 * — the median of N runs after warm-up. Not a test: it prints, it asserts nothing.
 *
 *   --runs N          timed runs per measurement (default 15, after 3 untimed)
 *   --years N         years of history before today (default 1); the statement is the last year's
 *   --without-index   swap migration 1763780000014's index back for the one it replaced
 *   --explain         print PostgreSQL's plans of the statement's two queries
 */
const RUNS = Number(argValue('--runs') ?? 15);
const WARMUP = 3;
const WITHOUT_INDEX = process.argv.includes('--without-index');
const EXPLAIN = process.argv.includes('--explain');
/** Years of history before today; the statement timed is always the last year's. */
const YEARS = Number(argValue('--years') ?? 1);
const log = (line: string): void => void process.stdout.write(`· ${line}\n`);

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

interface Seeded {
  readonly accountId: string;
  readonly loginId: string;
  readonly movements: number;
}

async function adminQuery(db: BenchDatabase, sql: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: db.adminUrl });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function till(
  ds: DataSource,
  tenant: TenantConfig,
  unitName: string,
  clock: () => Date,
): Promise<Till & { pos: PosAuthorizationService }> {
  const { unitId, tillId } = await inTenant(ds, tenant.slug, async (tx) => {
    const [unit] = await tx.query<{ id: string }>('INSERT INTO units (tenant_id, name) VALUES ($1, $2) RETURNING id', [
      tenant.slug,
      unitName,
    ]);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO tills (tenant_id, unit_id, name, api_key_hash) VALUES ($1, $2, 'Kasse 1', $3) RETURNING id`,
      [tenant.slug, unit.id, hashTillKey(generateTillKey(tenant.slug))],
    );
    return { unitId: unit.id, tillId: row.id };
  });
  const pos = new PosAuthorizationService(
    { query: <T>(sql: string, params?: unknown[]) => ds.query<T[]>(sql, params) },
    { lowBalanceThreshold: () => 0, clock },
  );
  return { tenantId: tenant.slug, tillId, unitId, name: 'Kasse 1', pos };
}

/** A deposit on a past day: the ledger's cash deposit, dated (postTransaction stamps now()). */
async function depositAt(ds: DataSource, tenantId: string, accountId: string, amount: number, at: Date): Promise<void> {
  await inTenant(ds, tenantId, async (tx) => {
    const cash = await systemAccountId(tx, 'cash_office');
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO ledger_transactions (tenant_id, kind, idempotency_key, description, created_at)
       VALUES ($1, 'nexi_deposit', $2, 'Indbetaling', $3) RETURNING id`,
      [tenantId, `bench:${randomUUID()}`, at],
    );
    await tx.query(
      `INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount, created_at)
       VALUES ($1, $2, $3, $4, $6), ($1, $2, $5, -$4::bigint, $6)`,
      [tenantId, row.id, accountId, amount, cash, at],
    );
    await tx.query('UPDATE ledger_accounts SET balance = balance + $3 WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      accountId,
      amount,
    ]);
  });
}

/** The pupil and the parent's login, then a year day by day through pos_purchase and pos_reverse. */
async function seedYear(
  ds: DataSource,
  tenant: TenantConfig,
  cipher: CprCipher,
  from: DateTime,
  afterDay: (day: DateTime) => Promise<void>,
): Promise<Seeded> {
  const holder = await inTenant(ds, tenant.slug, (tx) =>
    createCardholderWithAccount(tx, cipher, { cpr: '0101101234', name: 'Ida Hansen', cardNumber: '1000200030004001' }),
  );
  const loginId = await inTenant(ds, tenant.slug, async (tx) => {
    const [login] = await tx.query<{ id: string }>(
      `INSERT INTO logins (tenant_id, email, password_hash, cardholder_id) VALUES ($1, 'mor@example.dk', 'x', $2) RETURNING id`,
      [tenant.slug, holder.cardholderId],
    );
    await tx.query(`INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, 'self')`, [
      tenant.slug,
      login.id,
      holder.cardholderId,
    ]);
    return login.id;
  });
  let now = new Date();
  const tills = await Promise.all(['Kantinen', 'Caféen', 'Boden'].map((unit) => till(ds, tenant, unit, () => now)));
  let movements = 0;
  for (let day = from; day < from.plus({ years: YEARS }); day = day.plus({ days: 1 })) {
    // 300 kr. every Monday and Thursday (and on the first day) for 525 kr. of meals a week.
    if (day.weekday === 1 || day.weekday === 4 || day.equals(from)) {
      await depositAt(ds, tenant.slug, holder.accountId, 30_000, day.set({ hour: 7 }).toJSDate());
      movements += 1;
    }
    for (let meal = 0; meal < 5; meal += 1) {
      now = day.set({ hour: 8 + meal * 2, minute: (meal * 17) % 60 }).toJSDate();
      const at = tills[meal % 3];
      const outcome = await at.pos.purchase(at, {
        idempotencyKey: randomUUID(),
        cardNumber: holder.cardNumber,
        amount: 1_000 + meal * 250,
        description: meal === 2 ? 'Frokost' : 'Snack',
      });
      if (outcome.kind === 'key_reused' || outcome.response.status !== 'approved')
        throw new Error('a seeded purchase was declined');
      movements += 1;
      if (day.day === 15 && meal === 4) {
        now = new Date(now.getTime() + 60_000);
        await at.pos.reverse(at, outcome.response.id);
        movements += 1;
      }
    }
    await afterDay(day);
  }
  return { accountId: holder.accountId, loginId, movements };
}

/**
 * 200 other pupils buying at the same tills on the same days: their postings land on the heap
 * between ours, day by day, as in production (a wallet's year is spread over thousands of heap
 * pages, not packed in a few). Written as the superuser, without triggers or foreign-key
 * checks, for rows that hold by construction.
 */
async function otherPupils(
  db: BenchDatabase,
  tenantId: string,
): Promise<{ day(day: DateTime): Promise<void>; end(): Promise<void> }> {
  const admin = new Client({ connectionString: db.adminUrl });
  await admin.connect();
  await admin.query(`SET session_replication_role = replica`);
  await admin.query(
    `CREATE TEMP TABLE other AS SELECT md5('w' || i)::uuid AS wallet, md5('h' || i)::uuid AS holder FROM generate_series(1, 200) i;
     INSERT INTO cardholders (tenant_id, id, name, cpr_encrypted, cpr_hmac)
       SELECT '${tenantId}', holder, 'Anden elev', decode(md5(holder::text), 'hex'), decode(md5(wallet::text), 'hex') FROM other;
     INSERT INTO accounts (tenant_id, id, cardholder_id) SELECT '${tenantId}', wallet, holder FROM other;
     INSERT INTO ledger_accounts (tenant_id, id, kind, account_id, balance) SELECT '${tenantId}', wallet, 'wallet', wallet, 50000 FROM other;`,
  );
  const [office] = (
    await admin.query<{ id: string }>(`SELECT id FROM ledger_accounts WHERE tenant_id = $1 AND kind = 'cash_office'`, [
      tenantId,
    ])
  ).rows;
  return {
    // ~275 purchases a day among the others: 100,000 in the year.
    day: async (day) => {
      await admin.query(
        `WITH moves AS (
           SELECT gen_random_uuid() AS tx, o.wallet, $2::timestamptz + make_interval(mins => 480 + (random() * 480)::int) AS at
             FROM other o, generate_series(1, CASE WHEN random() < 0.375 THEN 2 ELSE 1 END) n),
         t AS (INSERT INTO ledger_transactions (tenant_id, id, kind, idempotency_key, created_at)
               SELECT $1, tx, 'pos_purchase', 'noise:' || tx, at FROM moves)
         INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount, created_at)
         SELECT $1, m.tx, p.account, p.amount, m.at FROM moves m
          CROSS JOIN LATERAL (VALUES (m.wallet, -100::bigint), ($3::uuid, 100::bigint)) p (account, amount)`,
        [tenantId, day.toJSDate(), office.id],
      );
    },
    end: () => admin.end(),
  };
}

@Module({})
class BenchModule {
  static with(ds: DataSource, cipher: CprCipher): DynamicModule {
    return {
      module: BenchModule,
      imports: [
        TenantDatabaseModule.forRoot({ dataSource: ds }),
        CardholdersModule.forRoot({ cprCipher: cipher }),
        IdentityModule.forRoot({
          totpSecretBox: new TotpSecretBox(randomBytes(32).toString('base64')),
          emailOutbox: new EmailOutbox(EmailSealer.fromSecret(randomBytes(32).toString('base64'))),
        }),
        StatementsModule,
      ],
    };
  }
}

/** The page as Express renders it: the view into the layout, with the portal's helpers. */
function pageRenderer(): (view: object) => string {
  const views = join(__dirname, '..', '..', 'apps', 'web', 'src', 'views');
  const handlebars = hbs.handlebars;
  registerViewHelpers(handlebars);
  const body = handlebars.compile(readFileSync(join(views, 'statements', 'statement.hbs'), 'utf8'));
  const layout = handlebars.compile(readFileSync(join(views, 'layout.hbs'), 'utf8'));
  return (view) => layout({ ...view, cspNonce: 'n', body: body({ ...view, cspNonce: 'n' }) });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

let pgPid = Number.NaN;

/**
 * Median wall time of RUNS runs after WARMUP, and the CPU they cost per run: this process's
 * (Node: presenter, Handlebars, pdfkit) and PostgreSQL's. The machine is shared, so the wall
 * clock counts others' work too; Node + PostgreSQL CPU is what one render costs.
 */
async function measure(label: string, work: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARMUP; i += 1) await work();
  const wall: number[] = [];
  const before = cpuSnapshot(process.pid, pgPid);
  for (let i = 0; i < RUNS; i += 1) wall.push(await timed(work));
  const after = cpuSnapshot(process.pid, pgPid);
  const node = (after.benchMs - before.benchMs) / RUNS;
  const pg = (after.pgMs - before.pgMs) / RUNS;
  const busy = (after.machineMs - before.machineMs) / wall.reduce((a, b) => a + b, 0);
  log(
    `${label.padEnd(36)} median ${median(wall).toFixed(1).padStart(6)} ms (min ${Math.min(...wall).toFixed(1)}) · ` +
      `CPU per run: Node ${node.toFixed(1)} ms + PostgreSQL ${pg.toFixed(1)} ms · machine busy ${busy.toFixed(1)} of 2 cores`,
  );
}

async function bench(cleanup: Cleanup): Promise<void> {
  log('starting a private PostgreSQL and migrating…');
  const db = await startBenchDatabase(cleanup);
  pgPid = postmasterPid(db.dataDir);
  const tenant = loadTenants(defaultTenantsDir()).require('sctibs');
  const ds = await createAppDataSource({
    url: db.appUrl,
    poolSize: 4,
    applicationName: 'bench-statement',
    entities: [...CARDHOLDER_ENTITIES, ...IDENTITY_ENTITIES],
  }).initialize();
  // The Nest context closes it first when it ran.
  cleanup.add('DataSource', async () => void (ds.isInitialized && (await ds.destroy())));
  await syncTenants(ds, [{ slug: tenant.slug, name: tenant.displayName }]);
  const cipher = new CprCipher(randomBytes(32).toString('base64'), randomBytes(32).toString('base64'));
  const today = DateTime.now().setZone('Europe/Copenhagen').startOf('day');
  const from = today.minus({ years: 1 });
  const t = performance.now();
  const others = await otherPupils(db, tenant.slug);
  const seeded = await seedYear(ds, tenant, cipher, today.minus({ years: YEARS }), others.day);
  await others.end();
  await adminQuery(db, 'VACUUM ANALYZE');
  log(
    `seeded ${seeded.movements} movements on the account amid 200 other pupils' ~100,000 purchases in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  if (WITHOUT_INDEX) {
    await adminQuery(
      db,
      'DROP INDEX postings_statement_idx; CREATE INDEX postings_account_idx ON postings (tenant_id, ledger_account_id, id); ANALYZE postings',
    );
    log('--without-index: postings_statement_idx replaced by the old postings_account_idx');
  }

  const app = await NestFactory.createApplicationContext(BenchModule.with(ds, cipher), { logger: false });
  cleanup.add('Nest context', () => app.close());
  const statements = app.get(StatementService);
  const myAccounts = app.get(MyAccountsService);
  const caller = { tenantId: tenant.slug, loginId: loginIdOf(seeded.loginId) };
  const query = { fra: from.toISODate()!, til: today.toISODate()! };
  const page = {
    tenant,
    login: caller.loginId,
    locale: 'da',
    csrfToken: 'c',
    signedIn: true,
    ip: undefined,
    caller,
    audit: { tenant: tenant.slug, ip: undefined, login: caller.loginId },
  } as SignedInPageContext;
  const render = pageRenderer();

  const whole = await statements.answer(caller, seeded.accountId, query);
  if (whole.kind !== 'statement') throw new Error(`the statement answered ${whole.kind}`);
  const movements = whole.statement.movements.length;
  log(
    `statement ${query.fra} – ${query.til}: ${movements} movements, closing ${whole.statement.closingBalance} øre; ${RUNS} runs after ${WARMUP} warm-up`,
  );
  const people = await myAccounts.list(caller);
  const pageHtml = async (asked: PageQuery) => {
    const answer = await statements.answerPage(caller, seeded.accountId, asked);
    if (answer.kind === 'notFound') throw new Error('not found');
    return render(statementPage(page, { accountId: seeded.accountId, people: await myAccounts.list(caller), answer }));
  };
  // Before issue 10's paging: the page showed every movement of the period, as one page now would.
  const onePage = { ...whole, statement: everyRowOnOnePage(whole.statement) };
  const renderOnePage = () => render(statementPage(page, { accountId: seeded.accountId, people, answer: onePage }));
  const last = { ...query, side: String(Math.ceil(movements / STATEMENT_PAGE_SIZE)) };
  log(
    `page HTML: every row ${(renderOnePage().length / 1024).toFixed(0)} KiB (before paging), ` +
      `page 1 ${((await pageHtml(query)).length / 1024).toFixed(0)} KiB (${STATEMENT_PAGE_SIZE} rows a page)`,
  );
  process.stdout.write('\n');

  await measure('before: service, every row (access check + 2 queries)', () =>
    statements.answer(caller, seeded.accountId, query),
  );
  await measure('before: view, every row (presenter + Handlebars)', async () => renderOnePage());
  await measure('before: page, every row (service + view)', async () => {
    const answer = await statements.answer(caller, seeded.accountId, query);
    if (answer.kind !== 'statement') throw new Error(answer.kind);
    const shown = { ...answer, statement: everyRowOnOnePage(answer.statement) };
    return render(
      statementPage(page, { accountId: seeded.accountId, people: await myAccounts.list(caller), answer: shown }),
    );
  });
  await measure('service, page 1 (access check + 4 queries)', () =>
    statements.answerPage(caller, seeded.accountId, query),
  );
  await measure('page 1 (service + view)', () => pageHtml(query));
  await measure(`page ${last.side}, the last (service + view)`, () => pageHtml(last));
  // A month of a year-old account: its opening balance sums the eleven months before.
  const month = { fra: today.minus({ days: 29 }).toISODate()!, til: query.til };
  await measure('page, the last 30 days (service + view)', () => pageHtml(month));
  await measure('PDF (statementPdfFile)', () => statementPdfFile(tenant, whole.statement, 'da'));
  await measure('CSV (statementCsvFile)', async () => statementCsvFile(tenant, whole.statement, 'da'));
  const pdf = await statementPdfFile(tenant, whole.statement, 'da');
  log(`PDF ${(pdf.body.length / 1024).toFixed(0)} KiB, ${movements} rows`);
  if (EXPLAIN) {
    const transactions = app.get(TenantTransactions);
    const { start, end } = whole.statement.period;
    const range = { accountId: seeded.accountId, start, end };
    const plans = await transactions.run(tenant.slug, () => statementQueryPlans(transactions.current(), range));
    process.stdout.write(`\n${plans.join('\n\n')}\n`);
  }
}

/** A whole statement shown as one page: what the page was before it was paged. */
function everyRowOnOnePage(statement: Statement): StatementPage {
  return {
    ...statement,
    movementCount: statement.movements.length,
    page: 1,
    pageCount: 1,
    firstNumber: 1,
    balanceBefore: statement.openingBalance,
    balanceAfter: statement.closingBalance,
  };
}

const cleanup = new Cleanup();
cleanup.installSignalHandlers();
bench(cleanup)
  .catch((error: unknown) => {
    process.stderr.write(`bench:statement failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanup.runAll());
