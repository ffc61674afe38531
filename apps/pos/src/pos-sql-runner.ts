import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { SqlRunner } from '@kk/pos-authorization';

/**
 * The tills' queries on the data source's own pg pool (the same connections, role and
 * settings TypeORM made), because a named prepared statement is node-pg's `name:` and
 * TypeORM's query() has no way to pass it. Each of the four POS calls is one fixed SQL text,
 * so a connection parses and plans it once, not on every purchase.
 */
export function posSqlRunner(dataSource: DataSource): SqlRunner {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return {
    query: async <T>(text: string, values?: unknown[], name?: string): Promise<T[]> => {
      const result = await pool.query({ text, values, name });
      return result.rows as T[];
    },
  };
}
