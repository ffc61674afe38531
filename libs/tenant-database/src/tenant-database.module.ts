import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule, ClsService } from 'nestjs-cls';
import { ClsPluginTransactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { DataSource } from 'typeorm';
import { CLS_SERVICE, TenantTransactions, TRANSACTION_HOST } from '@kk/tenant-transactions';

export interface TenantDatabaseModuleOptions {
  /** Connected as the restricted app role, initialised (the apps check the role at boot). */
  readonly dataSource: DataSource;
}

/**
 * Data access the NestJS way: TypeOrmModule provides the app's DataSource (so entities and
 * repositories are Nest providers), and nestjs-cls with @nestjs-cls/transactional carries
 * the tenant transaction through async calls (TenantTransactions). Global: every feature
 * module injects TenantTransactions and its repositories without importing this again.
 * TypeOrmModule destroys the DataSource when the app closes. This lib is the only code that
 * loads nestjs-cls; the libs with repositories depend on @kk/tenant-transactions, which
 * names it for types only (tenant-transaction-tokens.ts says why).
 */
@Module({})
export class TenantDatabaseModule {
  static forRoot(options: TenantDatabaseModuleOptions): DynamicModule {
    return {
      module: TenantDatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => options.dataSource.options,
          dataSourceFactory: () => Promise.resolve(options.dataSource),
        }),
        ClsModule.forRoot({
          global: true,
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
      ],
      providers: [
        { provide: TRANSACTION_HOST, useExisting: TransactionHost },
        { provide: CLS_SERVICE, useExisting: ClsService },
        TenantTransactions,
      ],
      exports: [TenantTransactions, TRANSACTION_HOST, CLS_SERVICE],
    };
  }
}
