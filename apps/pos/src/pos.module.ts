import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { HealthModule, MetricsRegistry, type LogSettings } from '@kk/observability';
import { PosAuthorizationService, TillAuthenticator } from '@kk/pos-authorization';
import { CardsController } from './cards/cards.controller';
import { FailedAuthLimiter } from './http/failed-auth-limiter';
import { ProblemFilter } from './http/problem.filter';
import { TillAuthGuard } from './http/till-auth.guard';
import { TillRateLimiter } from './http/till-rate-limiter';
import { OpenApiController } from './openapi/openapi.controller';
import { OpsController } from './ops/ops.controller';
import { PosMetrics } from './ops/pos-metrics';
import { PurchasesController } from './purchases/purchases.controller';
import { posSqlRunner } from './pos-sql-runner';

export interface PosModuleOptions {
  /** Connected as the restricted app role. */
  readonly dataSource: DataSource;
  readonly lowBalanceThreshold: (tenantId: string) => number;
  readonly rateLimitPerMinute: number;
  /** Failed authentications per client address and minute before 429 (default 20). */
  readonly failedAuthLimitPerMinute?: number;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Fastify's
   * `trustProxy`. Default false: the socket's peer, so a client cannot pick its own address.
   */
  readonly trustProxy?: boolean | number | string[];
  /** Level and destination of the JSON logs; default LOG_LEVEL and stdout. */
  readonly log?: Pick<LogSettings, 'level' | 'destination'>;
  /** This app's metrics; createPosApp makes one per app. */
  readonly metrics?: MetricsRegistry;
}

@Module({})
export class PosModule {
  /** `loggerParams`: posHttpLogging's, whose request logger createPosApp hooks into Fastify. */
  static forRoot(options: PosModuleOptions, loggerParams: Params): DynamicModule {
    const sql = posSqlRunner(options.dataSource);
    return {
      module: PosModule,
      imports: [LoggerModule.forRoot(loggerParams), HealthModule.forRoot({ database: options.dataSource })],
      controllers: [PurchasesController, CardsController, OpenApiController, OpsController],
      providers: [
        { provide: MetricsRegistry, useValue: options.metrics ?? new MetricsRegistry() },
        PosMetrics,
        {
          provide: PosAuthorizationService,
          useValue: new PosAuthorizationService(sql, { lowBalanceThreshold: options.lowBalanceThreshold }),
        },
        { provide: TillAuthenticator, useValue: new TillAuthenticator(sql) },
        { provide: TillRateLimiter, useValue: new TillRateLimiter(options.rateLimitPerMinute) },
        { provide: FailedAuthLimiter, useValue: new FailedAuthLimiter(options.failedAuthLimitPerMinute) },
        { provide: APP_GUARD, useClass: TillAuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
