import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { DataSource } from 'typeorm';
import { TenantTransactions } from './tenant-transactions';

export interface TenantDatabaseModuleOptions {
  /** Connected as the restricted app role, initialised (the apps check the role at boot). */
  readonly dataSource: DataSource;
}

/**
 * Data access the NestJS way: TypeOrmModule provides the app's DataSource (so entities and
 * repositories are Nest providers), and nestjs-cls with @nestjs-cls/transactional carries
 * the tenant transaction through async calls (TenantTransactions). Global: every feature
 * module injects TenantTransactions and its repositories without importing this again.
 * TypeOrmModule destroys the DataSource when the app closes.
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
      providers: [TenantTransactions],
      exports: [TenantTransactions],
    };
  }
}
