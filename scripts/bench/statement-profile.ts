import { adminQuery } from './database';

/**
 * pg_stat_statements over the measured rounds: where the database's time goes, per statement,
 * across every phase at once. The server preloads the module with track = all (database.ts),
 * so the statements inside pos_purchase and the reference function are listed on their own
 * as well as inside their top-level call. Only the app role's statements count: the bench's
 * own bookkeeping (seeding, counting decisions) runs as the superuser.
 */
export interface StatementStat {
  readonly calls: number;
  readonly totalMs: number;
  readonly meanMs: number;
  readonly rows: number;
  /** Planning, ms in all; 0 unless the server tracks planning (bench:portal's does). */
  readonly planMs: number;
  /** false = ran inside a function (pos_purchase, the reference, a trigger). */
  readonly toplevel: boolean;
  readonly query: string;
}

export async function enableStatementProfile(adminUrl: string): Promise<void> {
  await adminQuery(adminUrl, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
}

export async function resetStatementProfile(adminUrl: string): Promise<void> {
  await adminQuery(adminUrl, 'SELECT pg_stat_statements_reset()');
}

/** The app role's statements by total execution time; `toplevelOnly` leaves out those run inside functions. */
export async function topStatements(adminUrl: string, limit = 10, toplevelOnly = false): Promise<StatementStat[]> {
  const rows = await adminQuery<{
    calls: string;
    total_ms: number;
    mean_ms: number;
    plan_ms: number;
    rows: string;
    toplevel: boolean;
    query: string;
  }>(
    adminUrl,
    `SELECT s.calls, s.total_exec_time AS total_ms, s.mean_exec_time AS mean_ms, s.total_plan_time AS plan_ms,
            s.rows, s.toplevel, s.query
       FROM pg_stat_statements s
      WHERE s.userid = 'kantinekort_app'::regrole AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND (s.toplevel OR NOT $2)
      ORDER BY s.total_exec_time DESC
      LIMIT $1`,
    [limit, toplevelOnly],
  );
  return rows.map((r) => ({
    calls: Number(r.calls),
    totalMs: r.total_ms,
    meanMs: r.mean_ms,
    planMs: r.plan_ms,
    rows: Number(r.rows),
    toplevel: r.toplevel,
    query: r.query,
  }));
}

/** The statement text on one line, cut to `width`. */
export function oneLine(query: string, width: number): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}
