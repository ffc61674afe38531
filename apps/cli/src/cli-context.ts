import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { CARDHOLDER_ENTITIES, CardholdersModule, CprCipher } from '@kk/cardholders';
import { isRelaxedMode, loadEnv, type Env } from '@kk/config';
import {
  createAppDataSource,
  inTenant,
  openAppDatabase,
  syncTenants,
  type LocalPostgres,
  type TenantTx,
} from '@kk/database';
import { TenantDatabaseModule } from '@kk/tenant-database';
import { AdminEntity, AdminsModule } from '@kk/identity';
import { LedgerModule } from '@kk/ledger';
import {
  ConfiguredPaymentProviders,
  PAYMENT_ENTITIES,
  PaymentRefundsModule,
  type PaymentProviders,
} from '@kk/payments';
import { POS_ENTITIES } from '@kk/pos-authorization';
import { TILL_ENTITIES, TillsModule } from '@kk/tills';
import { defaultTenantsDir, loadTenants, TenancyModule, type TenantConfig, type TenantRegistry } from '@kk/tenancy';
import { LazyPaymentProviders } from './lazy-payment-providers';

/** What the commands use: the libs' services over the app role's connection. */
@Module({})
class CliModule {
  static with(
    dataSource: DataSource,
    cprCipher: CprCipher,
    tenants: TenantRegistry,
    paymentProviders: PaymentProviders,
  ): DynamicModule {
    return {
      module: CliModule,
      imports: [
        TenantDatabaseModule.forRoot({ dataSource }),
        CardholdersModule.forRoot({ cprCipher }),
        LedgerModule,
        TillsModule,
        AdminsModule,
        TenancyModule.forRoot({ registry: tenants }),
        PaymentRefundsModule.forRoot({ providers: paymentProviders }),
      ],
    };
  }
}

/**
 * What commands share, opened on first use: tenants:list needs neither a database nor
 * the CPR keys, so it opens neither.
 */
export class CliContext {
  #env?: Env;
  #tenants?: TenantRegistry;
  #db?: Pick<LocalPostgres, 'appUrl' | 'release'>;
  #ds?: DataSource;
  #app?: INestApplicationContext;

  get env(): Env {
    this.#env ??= loadEnv();
    return this.#env;
  }

  get tenants(): TenantRegistry {
    this.#tenants ??= loadTenants(defaultTenantsDir());
    return this.#tenants;
  }

  /** The tenant's config; an unknown slug throws, naming the known tenants. */
  tenant(slug: string): TenantConfig {
    return this.tenants.require(slug);
  }

  cprCipher(): CprCipher {
    return new CprCipher(this.env.CPR_ENCRYPTION_KEY, this.env.CPR_HMAC_KEY);
  }

  /** A lib service (each opens its tenant's transaction, under row-level security). */
  async service<T>(type: Type<T>): Promise<T> {
    if (!this.#app) {
      const ds = await this.#dataSource();
      // Payment keys are read only when a command asks a provider (see LazyPaymentProviders).
      const paymentProviders = new LazyPaymentProviders(
        () => new ConfiguredPaymentProviders(this.tenants.all(), process.env, isRelaxedMode(this.env)),
      );
      const module = CliModule.with(ds, this.cprCipher(), this.tenants, paymentProviders);
      this.#app = await NestFactory.createApplicationContext(module, { logger: false });
    }
    return this.#app.get(type);
  }

  /** One transaction under the tenant's row-level security; a throw rolls everything back. */
  async inTenant<T>(tenant: TenantConfig, work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return inTenant(await this.#dataSource(), tenant.slug, work);
  }

  async close(): Promise<void> {
    // The Nest context's TypeOrmModule destroys the DataSource it was given.
    await this.#app?.close();
    if (this.#ds?.isInitialized) await this.#ds.destroy();
    await this.#db?.release();
  }

  async #dataSource(): Promise<DataSource> {
    if (this.#ds) return this.#ds;
    const tenants = this.tenants.all();
    this.#db = await openAppDatabase(this.env);
    // The restricted role, as the apps use: RLS binds the CLI too.
    const ds = createAppDataSource({
      url: this.#db.appUrl,
      poolSize: 2,
      applicationName: 'kantinekort-cli',
      entities: [...CARDHOLDER_ENTITIES, ...POS_ENTITIES, ...TILL_ENTITIES, AdminEntity, ...PAYMENT_ENTITIES],
    });
    this.#ds = ds;
    await ds.initialize();
    await syncTenants(
      ds,
      tenants.map((t) => ({ slug: t.slug, name: t.displayName })),
    );
    return ds;
  }
}
