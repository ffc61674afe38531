import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { httpLoggerParams, MetricsRegistry, OPS_ROUTES, type LogSettings } from '@kk/observability';
import { TenancyModule, TenantHostMiddleware, type TenancyModuleOptions } from '@kk/tenancy';
import { FrontPageModule } from './front-page/front-page.module';
import { OpsModule } from './health/ops.module';
import { webRequestContext } from './health/web-request-context';
import { ControlCharactersMiddleware } from './http/control-characters.middleware';
import { PortalModule, type PortalOptions } from './portal.module';
import { ThemeModule } from './theme/theme.module';

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
        OpsModule.forRoot({
          readiness: { database: options.portal?.dataSource, redis: options.portal?.redis },
          metrics: options.metrics ?? new MetricsRegistry(),
        }),
        TenancyModule.forRoot(options.tenants),
        FrontPageModule,
        ThemeModule,
        ...(options.portal ? [PortalModule.forRoot(options.portal)] : []),
      ],
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
