import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { deriveAppUrl, freePort, prepareDatabase, startEmbeddedPostgres, withDatabase } from '@kk/database';
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
 * A throw-away PostgreSQL in a temp dir on a free port (as scripts/test-env does), never the
 * demo's .data/ or port 54329, so a benchmark cannot disturb or be disturbed by a running demo.
 */
export async function startBenchDatabase(cleanup: Cleanup): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'kantinekort-bench-pg-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  cleanup.add('temp dir', async () => removeDir(), removeDir);
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), persistent: false });
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

/** The low-balance events the purchases wrote for the worker (the outbox is never relayed here). */
export async function lowBalanceEvents(adminUrl: string): Promise<number> {
  const rows = await adminQuery<{ events: string }>(
    adminUrl,
    `SELECT count(*) AS events FROM outbox WHERE topic = 'wallet.low_balance'`,
  );
  return Number(rows[0]?.events ?? 0);
}

/** The auditor's invariants over every tenant at once, after all the load. */
export async function ledgerViolations(adminUrl: string): Promise<{ unbalanced: number; walletMismatches: number }> {
  const rows = await adminQuery<{ unbalanced: string; mismatches: string }>(
    adminUrl,
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM postings GROUP BY tenant_id, transaction_id HAVING sum(amount) <> 0) u) AS unbalanced,
            (SELECT count(*) FROM ledger_accounts w
               LEFT JOIN (SELECT tenant_id, ledger_account_id, sum(amount) AS total FROM postings GROUP BY 1, 2) p
                 ON p.tenant_id = w.tenant_id AND p.ledger_account_id = w.id
              WHERE w.kind = 'wallet' AND (w.balance < 0 OR w.balance <> coalesce(p.total, 0))) AS mismatches`,
  );
  return { unbalanced: Number(rows[0]?.unbalanced ?? 0), walletMismatches: Number(rows[0]?.mismatches ?? 0) };
}
