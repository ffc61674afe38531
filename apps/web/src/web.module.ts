import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { HealthModule, httpLoggerParams, MetricsRegistry, OPS_ROUTES, type LogSettings } from '@kk/observability';
import { TenancyModule, TenantHostMiddleware, type TenancyModuleOptions } from '@kk/tenancy';
import { FrontPageController } from './front-page/front-page.controller';
import { ControlCharactersMiddleware } from './http/control-characters.middleware';
import { PortalModule, type PortalOptions } from './portal/portal.module';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { webRequestContext } from './health/web-request-context';
import { ThemeAssetsController } from './theme/theme-assets.controller';

export interface WebModuleOptions {
  tenants?: TenancyModuleOptions;
  /** Sessions, sign-in and the signed-in pages; without it only the public pages are served. */
  portal?: PortalOptions;
  /** Level and destination of the JSON logs; default LOG_LEVEL and stdout. */
  log?: Pick<LogSettings, 'level' | 'destination'>;
  /** This app's metrics; createWebApp makes one per app. */
  metrics?: MetricsRegistry;
}

/** Probes and the scrape: on any host, outside the tenant's middleware. */
const OPS_PATHS = Object.values(OPS_ROUTES).map((route) => ({ path: route.slice(1), method: RequestMethod.ALL }));

@Module({})
export class WebModule implements NestModule {
  static forRoot(options: WebModuleOptions = {}): DynamicModule {
    return {
      module: WebModule,
      imports: [
        LoggerModule.forRoot(httpLoggerParams({ app: 'web', ...options.log, requestContext: webRequestContext })),
        HealthModule.forRoot({ database: options.portal?.dataSource, redis: options.portal?.redis }),
        TenancyModule.forRoot(options.tenants),
        ...(options.portal ? [PortalModule.forRoot(options.portal)] : []),
      ],
      controllers: [HealthController, MetricsController, FrontPageController, ThemeAssetsController],
      providers: [{ provide: MetricsRegistry, useValue: options.metrics ?? new MetricsRegistry() }],
    };
  }

  // Every route but the probes and the scrape belongs to a tenant, including routes added later.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(TenantHostMiddleware, ControlCharactersMiddleware)
      .exclude(...OPS_PATHS)
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
