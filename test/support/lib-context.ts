import { Module, type DynamicModule, type INestApplicationContext, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { CardholdersModule, type CprCipher } from '@kk/cardholders';
import { TenantTransactions } from '@kk/tenant-transactions';
import { TenantDatabaseModule } from '@kk/tenant-database';

/** A lib's Nest providers over the test's DataSource, for integration specs. */
export interface LibTestContext {
  get<T>(type: Type<T>): T;
  /** Runs `work` in the tenant's transaction, as a request or job would. */
  inTenant<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

@Module({})
class LibTestModule {
  static with(
    ds: DataSource,
    cipher: CprCipher,
    imports: DynamicModule['imports'],
    providers: Provider[],
  ): DynamicModule {
    return {
      module: LibTestModule,
      imports: [
        TenantDatabaseModule.forRoot({ dataSource: ds }),
        CardholdersModule.forRoot({ cprCipher: cipher }),
        ...(imports ?? []),
      ],
      providers,
    };
  }
}

/**
 * The app's data stack (TypeOrmModule, the CLS tenant transaction, the cardholders' repositories)
 * plus the given modules. Closing it leaves the DataSource to the caller's own clean-up.
 */
export async function startLibTestContext(
  ds: DataSource,
  cipher: CprCipher,
  imports: DynamicModule['imports'] = [],
  providers: Provider[] = [],
): Promise<LibTestContext> {
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    LibTestModule.with(ds, cipher, imports, providers),
    { logger: false },
  );
  const transactions = app.get(TenantTransactions);
  return {
    get: (type) => app.get(type),
    inTenant: (tenantId, work) => transactions.run(tenantId, work),
    close: () => app.close(),
  };
}
