import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { deriveAppUrl, freePort, prepareDatabase, startEmbeddedPostgres, withDatabase } from '@kk/database';
import { REFERENCE_KIND } from './ceiling-fixtures';
import type { Cleanup } from './cleanup';

export const APP_PASSWORD = 'kantinekort-app-bench';
const DATABASE = 'kantinekort_bench';

export interface BenchDatabase {
  /** Superuser, for seeding and counting (bypasses RLS). */
  readonly adminUrl: string;
  /** The restricted role, as the POS app connects. */
  readonly appUrl: string;
  readonly serverVersion: string;
  readonly dataDir: string;
}

/**
 * For statement-profile.ts: pg_stat_statements must be loaded at start, and with track = all
 * it also counts the statements run inside pos_purchase and the reference function.
 */
const STATEMENT_PROFILE_FLAGS = [
  '-c',
  'shared_preload_libraries=pg_stat_statements',
  '-c',
  'pg_stat_statements.track=all',
];

/**
 * Planning time too (bench:portal): the portal's TypeORM sends unnamed statements, planned anew
 * on every call. Not for bench:pos, where 16 clients running the same statement would contend
 * on the entry's lock for it.
 */
const PLANNING_FLAGS = ['-c', 'pg_stat_statements.track_planning=on'];

/**
 * A throw-away PostgreSQL in a temp dir on a free port (as scripts/test-env does), never the
 * demo's .data/ or port 54329, so a benchmark cannot disturb or be disturbed by a running demo.
 * `statementProfile` preloads pg_stat_statements (bench:pos); off by default, so the other
 * benches start the server exactly as before.
 */
export async function startBenchDatabase(
  cleanup: Cleanup,
  statementProfile: boolean | 'with planning' = false,
): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'kantinekort-bench-pg-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  cleanup.add('temp dir', async () => removeDir(), removeDir);
  const pg = await startEmbeddedPostgres({
    dataDir: dir,
    port: await freePort(),
    persistent: false,
    extraFlags: statementProfile
      ? [...STATEMENT_PROFILE_FLAGS, ...(statementProfile === 'with planning' ? PLANNING_FLAGS : [])]
      : [],
  });
  cleanup.add('PostgreSQL', () => pg.stop());
  const adminUrl = withDatabase(pg.adminUrl, DATABASE);
  await prepareDatabase(adminUrl, APP_PASSWORD);
  const version = await adminQuery<{ server_version: string }>(adminUrl, 'SHOW server_version');
  const serverVersion = version[0]?.server_version ?? '?';
  return { adminUrl, appUrl: deriveAppUrl(adminUrl, APP_PASSWORD), serverVersion, dataDir: dir };
}

export async function adminQuery<T>(adminUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The decisions the database recorded for one phase (its idempotency keys share a prefix). */
export async function phaseDecisions(
  adminUrl: string,
  keyPrefix: string,
): Promise<{ approved: number; declined: number }> {
  const rows = await adminQuery<{ approved: string; declined: string }>(
    adminUrl,
    `SELECT count(*) FILTER (WHERE decision = 'approved') AS approved, count(*) FILTER (WHERE decision = 'declined') AS declined
       FROM pos_purchases WHERE starts_with(idempotency_key, $1)`,
    [keyPrefix],
  );
  return { approved: Number(rows[0]?.approved ?? 0), declined: Number(rows[0]?.declined ?? 0) };
}

/** (d)'s approvals: the reference writes a ledger transaction per approval and nothing on a decline. */
export async function referenceApprovals(
  adminUrl: string,
  keyPrefix: string,
): Promise<{ approved: number; declined: number }> {
  const rows = await adminQuery<{ approved: string }>(
    adminUrl,
    `SELECT count(*) AS approved FROM ledger_transactions WHERE kind = $1 AND starts_with(idempotency_key, $2)`,
    [REFERENCE_KIND, keyPrefix],
  );
  return { approved: Number(rows[0]?.approved ?? 0), declined: 0 };
}

/** The low-balance events the purchases wrote for the worker (the outbox is never relayed here). */
export async function lowBalanceEvents(adminUrl: string): Promise<number> {
  const rows = await adminQuery<{ events: string }>(
    adminUrl,
    `SELECT count(*) AS events FROM outbox WHERE topic = 'wallet.low_balance'`,
  );
  return Number(rows[0]?.events ?? 0);
}

/** The auditor's invariants over every tenant at once, after all the load. */
export async function ledgerViolations(adminUrl: string): Promise<{
  unbalanced: number;
  walletMismatches: number;
  negativeWallets: number;
  transactions: number;
  wallets: number;
}> {
  const rows = await adminQuery<{
    unbalanced: string;
    mismatches: string;
    negative: string;
    transactions: string;
    wallets: string;
  }>(
    adminUrl,
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM postings GROUP BY tenant_id, transaction_id HAVING sum(amount) <> 0) u) AS unbalanced,
            (SELECT count(*) FROM ledger_accounts w
               LEFT JOIN (SELECT tenant_id, ledger_account_id, sum(amount) AS total FROM postings GROUP BY 1, 2) p
                 ON p.tenant_id = w.tenant_id AND p.ledger_account_id = w.id
              WHERE w.kind = 'wallet' AND (w.balance < 0 OR w.balance <> coalesce(p.total, 0))) AS mismatches,
            (SELECT count(*) FROM ledger_accounts WHERE kind = 'wallet' AND balance < 0) AS negative,
            (SELECT count(*) FROM ledger_transactions) AS transactions,
            (SELECT count(*) FROM ledger_accounts WHERE kind = 'wallet') AS wallets`,
  );
  const row = rows[0];
  return {
    unbalanced: Number(row?.unbalanced ?? 0),
    walletMismatches: Number(row?.mismatches ?? 0),
    negativeWallets: Number(row?.negative ?? 0),
    transactions: Number(row?.transactions ?? 0),
    wallets: Number(row?.wallets ?? 0),
  };
}
