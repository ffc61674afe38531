import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { Module, type DynamicModule } from '@nestjs/common';
import hbs from 'hbs';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { CARDHOLDER_ENTITIES, CardholdersModule, CprCipher } from '@kk/cardholders';
import { createAppDataSource, syncTenants } from '@kk/database';
import { IDENTITY_ENTITIES, IdentityModule, loginIdOf, MyAccountsService, TotpSecretBox } from '@kk/identity';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
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
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import { TenantDatabaseModule } from '@kk/tenant-database';
import { registerViewHelpers } from '@kk/web-kit';
import { statementPage } from '../../apps/web/src/statements/statement-views';
import type { SignedInPageContext } from '../../apps/web/src/kit';
import { Cleanup } from './cleanup';
import { cpuSnapshot, postmasterPid } from './cpu';
import { startBenchDatabase } from './database';
import { adminQuery, otherPupils, seedYear } from './statement-seed';

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
  const seeded = await seedYear(ds, tenant, cipher, today.minus({ years: YEARS }), YEARS, others.day);
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
