import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TenancyModule, TenantHostMiddleware, type TenancyModuleOptions } from '@kk/tenancy';
import { FrontPageController } from './front-page/front-page.controller';
import { HealthController } from './health/health.controller';
import { ThemeAssetsController } from './theme/theme-assets.controller';

export interface WebModuleOptions {
  tenants?: TenancyModuleOptions;
}

@Module({})
export class WebModule implements NestModule {
  static forRoot(options: WebModuleOptions = {}): DynamicModule {
    return {
      module: WebModule,
      imports: [TenancyModule.forRoot(options.tenants)],
      controllers: [HealthController, FrontPageController, ThemeAssetsController],
    };
  }

  // Every route but /health belongs to a tenant, including routes added later.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(TenantHostMiddleware)
      .exclude({ path: 'health', method: RequestMethod.ALL })
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
