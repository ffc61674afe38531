import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { LoggerService, LogLevel } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import hbs from 'hbs';
import { Logger } from 'nestjs-pino';
import { countExpressRequests, MetricsRegistry } from '@kk/observability';
import { registerViewHelpers } from '@kk/web-kit';
import { defaultTenantsDir, loadTenants, type TenancyModuleOptions, type TenantRegistry } from '@kk/tenancy';
import { securityHeaders } from './http/security-headers.middleware';
import { NotFoundFilter } from './http/not-found.filter';
import { WebModule, type WebModuleOptions } from './web.module';

export interface WebAppOptions extends WebModuleOptions {
  /** Nest's own logger; unset, Nest logs through the JSON request logger (see `log`). */
  logger?: LoggerService | LogLevel[] | false;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For/-Proto to believe. */
  trustProxy?: boolean | number | string[];
}

/** The citizen portal, initialised but not listening; used by main.ts and by e2e tests. */
export async function createWebApp(options: WebAppOptions = {}): Promise<NestExpressApplication> {
  const tenants = { registry: tenantRegistry(options.tenants) };
  const metrics = options.metrics ?? new MetricsRegistry();
  const module = WebModule.forRoot({ tenants, portal: options.portal, log: options.log, metrics });
  const app = await NestFactory.create<NestExpressApplication>(module, {
    // Throw instead of exiting the process, so main.ts and tests see the error.
    abortOnError: false,
    // The providers' webhooks are checked against the bytes they signed (req.rawBody).
    rawBody: true,
    // Held until the JSON logger takes over, so start-up lines are JSON too.
    ...(options.logger === undefined ? { bufferLogs: true } : { logger: options.logger }),
  });
  if (options.logger === undefined) app.useLogger(app.get(Logger));
  // First, so that every answer is counted, static files and refusals by middleware too.
  app.use(countExpressRequests(metrics, { '/assets/': '/assets/*' }));
  app.disable('x-powered-by');
  // Behind a TLS proxy this makes req.secure (Secure cookies, HSTS) and req.ip (rate limits) right.
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(securityHeaders);
  app.use(cookieParser());
  app.useStaticAssets(join(__dirname, 'public'), {
    prefix: '/assets/',
    index: false,
    maxAge: '1h',
    // send() keeps a Cache-Control already set: drop the pages' no-store so the max-age applies.
    setHeaders: (res: ServerResponse) => res.removeHeader('Cache-Control'),
  });
  app.setBaseViewsDir(join(__dirname, 'views'));
  app.setViewEngine('hbs');
  registerViewHelpers(hbs.handlebars);
  app.useGlobalFilters(new NotFoundFilter());
  await app.init();
  return app;
}

// Loaded before Nest starts so that a bad tenant.yaml ends start-up with just its message.
function tenantRegistry(options: TenancyModuleOptions = {}): TenantRegistry {
  return 'registry' in options ? options.registry : loadTenants(options.dir ?? defaultTenantsDir());
}
