import type { Client } from 'pg';
import type { DataSource, EntityMetadata } from 'typeorm';
import { ACCOUNT_SETTINGS_ENTITIES } from '@kk/account-settings';
import { BALANCE_ALERT_ENTITIES } from '@kk/balance-alerts';
import { CARDHOLDER_ENTITIES } from '@kk/cardholders';
import { createAppDataSource, TenantEntity } from '@kk/database';
import { AdminEntity, IDENTITY_ENTITIES } from '@kk/identity';
import { JOB_ENTITIES } from '@kk/jobs';
import { LEDGER_ENTITIES } from '@kk/ledger';
import { PAYMENT_ENTITIES } from '@kk/payments';
import { POS_ENTITIES } from '@kk/pos-authorization';
import { TILL_ENTITIES } from '@kk/tills';
import { openAdminClient, testEnv } from '@kk/testing';

/**
 * Every table has one entity, in the lib that owns it, and every entity says exactly what
 * the migrations made: each column with its type and nullability, and the primary key.
 * A migration that adds a column, or an entity that invents one, fails here rather than
 * at the first query that reads it.
 */
const EVERY_ENTITY = [
  TenantEntity,
  ...CARDHOLDER_ENTITIES,
  ...IDENTITY_ENTITIES,
  AdminEntity,
  ...POS_ENTITIES,
  ...TILL_ENTITIES,
  ...LEDGER_ENTITIES,
  ...JOB_ENTITIES,
  ...PAYMENT_ENTITIES,
  ...BALANCE_ALERT_ENTITIES,
  ...ACCOUNT_SETTINGS_ENTITIES,
];

/** TypeORM's column type -> information_schema's data_type. */
const DATA_TYPES: Record<string, string> = {
  text: 'text',
  uuid: 'uuid',
  bigint: 'bigint',
  integer: 'integer',
  smallint: 'smallint',
  boolean: 'boolean',
  bytea: 'bytea',
  jsonb: 'jsonb',
  date: 'date',
  timestamptz: 'timestamp with time zone',
};

interface SchemaColumn {
  readonly table_name: string;
  readonly column_name: string;
  readonly data_type: string;
  readonly is_nullable: 'YES' | 'NO';
}

let ds: DataSource;
let admin: Client;
let columns: SchemaColumn[];
let primaryKeys: Map<string, string[]>;

beforeAll(async () => {
  ds = await createAppDataSource({
    url: testEnv().appUrl,
    poolSize: 1,
    applicationName: 'test',
    entities: EVERY_ENTITY,
  }).initialize();
  admin = await openAdminClient();
  columns = (
    await admin.query<SchemaColumn>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, column_name`,
    )
  ).rows;
  const keys = await admin.query<{ table_name: string; columns: string[] }>(
    `SELECT c.relname AS table_name, array_agg(a.attname::text ORDER BY a.attname) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
      WHERE i.indisprimary AND c.relnamespace = 'public'::regnamespace
      GROUP BY c.relname`,
  );
  primaryKeys = new Map(keys.rows.map((row) => [row.table_name, row.columns]));
});
afterAll(async () => {
  await admin?.end();
  await ds?.destroy();
});

const tables = (): string[] => [...new Set(columns.map((c) => c.table_name))].sort();
const entityOf = (table: string): EntityMetadata | undefined => ds.entityMetadatas.find((m) => m.tableName === table);

it('maps every table to exactly one entity', () => {
  expect(tables().length).toBeGreaterThan(15);
  expect(tables().filter((table) => !entityOf(table))).toEqual([]);
  const mapped = ds.entityMetadatas.map((m) => m.tableName);
  expect(mapped.filter((table, i) => mapped.indexOf(table) !== i)).toEqual([]);
  expect(mapped.filter((table) => !tables().includes(table))).toEqual([]);
});

it('gives every entity exactly the columns of its table', () => {
  const differences: string[] = [];
  for (const table of tables()) {
    const mapped = entityOf(table)?.columns.map((c) => c.databaseName) ?? [];
    const inSchema = columns.filter((c) => c.table_name === table).map((c) => c.column_name);
    for (const name of inSchema.filter((c) => !mapped.includes(c)))
      differences.push(`${table}.${name} has no property`);
    for (const name of mapped.filter((c) => !inSchema.includes(c)))
      differences.push(`${table}.${name} is not in the table`);
  }
  expect(differences).toEqual([]);
});

it('declares each column with its type and nullability', () => {
  const wrong: string[] = [];
  for (const column of columns) {
    const mapped = entityOf(column.table_name)?.columns.find((c) => c.databaseName === column.column_name);
    if (!mapped) continue;
    const declared = DATA_TYPES[String(mapped.type)] ?? `unknown TypeORM type ${String(mapped.type)}`;
    if (declared !== column.data_type)
      wrong.push(`${column.table_name}.${column.column_name}: ${declared} vs ${column.data_type}`);
    if (mapped.isNullable !== (column.is_nullable === 'YES')) {
      wrong.push(`${column.table_name}.${column.column_name}: nullable ${mapped.isNullable} vs ${column.is_nullable}`);
    }
  }
  expect(wrong).toEqual([]);
});

it('declares the primary key of every table', () => {
  for (const meta of ds.entityMetadatas) {
    expect({ table: meta.tableName, key: meta.primaryColumns.map((c) => c.databaseName).sort() }).toEqual({
      table: meta.tableName,
      key: primaryKeys.get(meta.tableName),
    });
  }
});
