import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { loadTenants } from './load-tenants';
import { TenantHostMiddleware } from './tenant-host.middleware';
import { TenantRegistry } from './tenant-registry';
import { defaultTenantsDir } from './tenants-dir';

export type TenancyModuleOptions = { dir?: string } | { registry: TenantRegistry };

/**
 * Provides TenantRegistry everywhere. Loading happens while the app starts, so a bad
 * tenant.yaml stops start-up. Apps choose where TenantHostMiddleware applies.
 */
@Global()
@Module({})
export class TenancyModule {
  static forRoot(options: TenancyModuleOptions = {}): DynamicModule {
    const registry: Provider =
      'registry' in options
        ? { provide: TenantRegistry, useValue: options.registry }
        : { provide: TenantRegistry, useFactory: () => loadTenants(options.dir ?? defaultTenantsDir()) };
    return {
      module: TenancyModule,
      global: true,
      providers: [registry, TenantHostMiddleware],
      exports: [TenantRegistry, TenantHostMiddleware],
    };
  }
}
