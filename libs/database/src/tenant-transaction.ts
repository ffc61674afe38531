import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { setTransactionTenant } from './database.queries';

/**
 * A fixed SQL text sent as a named prepared statement (node-pg's `name:`): each connection
 * parses and plans it once instead of on every call. TypeORM's query() cannot pass a name; for
 * the reads every page makes, planning cost more than running (bench:portal's per-page list).
 * The text must be a constant: each distinct text is one more statement kept per connection.
 */
export interface PreparedSql {
  readonly name: string;
  readonly text: string;
}

export function preparedSql(name: string, text: string): PreparedSql {
  return { name, text };
}

/**
 * A transaction bound to one tenant. Everything tenant-scoped takes one of these,
 * so a query that forgets the tenant does not compile, and RLS rejects it if it runs.
 */
export interface TenantTx {
  readonly tenantId: string;
  /** The transaction's own manager: injected repositories would run outside it. */
  readonly manager: EntityManager;
  /** Always the result rows, whatever the statement (INSERT/UPDATE/DELETE … RETURNING too). */
  query<T>(sql: string | PreparedSql, params?: unknown[]): Promise<T[]>;
}

/**
 * TypeORM's plain query() answers UPDATE/DELETE with [rows, rowCount] but SELECT/INSERT
 * with rows; a caller reading rows[0] of an UPDATE … RETURNING would see an array and
 * miss an empty result. The structured result has one shape for every statement.
 */
export async function queryRecords<T>(
  runner: QueryRunner,
  sql: string | PreparedSql,
  params?: unknown[],
): Promise<T[]> {
  if (typeof sql === 'string') {
    const result = await runner.query(sql, params, true);
    return result.records as T[];
  }
  // The runner's own connection: the one its transaction (and app.tenant_id) is on.
  const client = (await runner.connect()) as PoolClient;
  const result = await client.query({ name: sql.name, text: sql.text, values: params });
  return result.rows as T[];
}

export async function inTenant<T>(ds: DataSource, tenantId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  return ds.transaction(async (manager) => {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('a transaction without a query runner');
    await setTransactionTenant((sql, params) => runner.query(sql, params), tenantId);
    const tx: TenantTx = {
      tenantId,
      manager,
      query: <R>(sql: string | PreparedSql, params?: unknown[]) => queryRecords<R>(runner, sql, params),
    };
    return work(tx);
  });
}
