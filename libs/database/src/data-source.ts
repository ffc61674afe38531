import { join } from 'node:path';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';

type Entities = MixedList<string | (new () => unknown) | EntitySchema>;

/** Compiled migrations live in dist/migrations; this file compiles to dist/libs/database/src. */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', '..', 'migrations', '*.js');

export function createMigrationDataSource(adminUrl: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: adminUrl,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
  });
}

export interface AppDataSourceOptions {
  url: string;
  poolSize: number;
  entities?: Entities;
  applicationName: string;
}

export function createAppDataSource(options: AppDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    synchronize: false,
    migrationsRun: false,
    // Errors surface as exceptions to the caller; TypeORM's own log would print parameters.
    logging: false,
    applicationName: options.applicationName,
    extra: { max: options.poolSize, idleTimeoutMillis: 30_000 },
  });
}
