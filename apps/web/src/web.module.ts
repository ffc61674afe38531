import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TenancyModule, TenantHostMiddleware, type TenancyModuleOptions } from '@kk/tenancy';
import { FrontPageController } from './front-page/front-page.controller';
import { ControlCharactersMiddleware } from './http/control-characters.middleware';
import { PortalModule, type PortalOptions } from './portal/portal.module';
import { HealthController } from './health/health.controller';
import { ThemeAssetsController } from './theme/theme-assets.controller';

export interface WebModuleOptions {
  tenants?: TenancyModuleOptions;
  /** Sessions, sign-in and the signed-in pages; without it only the public pages are served. */
  portal?: PortalOptions;
}

@Module({})
export class WebModule implements NestModule {
  static forRoot(options: WebModuleOptions = {}): DynamicModule {
    return {
      module: WebModule,
      imports: [
        TenancyModule.forRoot(options.tenants),
        ...(options.portal ? [PortalModule.forRoot(options.portal)] : []),
      ],
      controllers: [HealthController, FrontPageController, ThemeAssetsController],
    };
  }

  // Every route but /health belongs to a tenant, including routes added later.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(TenantHostMiddleware, ControlCharactersMiddleware)
      .exclude({ path: 'health', method: RequestMethod.ALL })
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
