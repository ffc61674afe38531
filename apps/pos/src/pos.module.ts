import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { PosAuthorizationService, TillAuthenticator, type SqlRunner } from '@kk/pos-authorization';
import { CardsController } from './cards/cards.controller';
import { FailedAuthLimiter } from './http/failed-auth-limiter';
import { ProblemFilter } from './http/problem.filter';
import { TillAuthGuard } from './http/till-auth.guard';
import { TillRateLimiter } from './http/till-rate-limiter';
import { OpenApiController } from './openapi/openapi.controller';
import { PurchasesController } from './purchases/purchases.controller';

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
}

@Module({})
export class PosModule {
  static forRoot(options: PosModuleOptions): DynamicModule {
    const sql: SqlRunner = { query: (text, params) => options.dataSource.query(text, params) };
    return {
      module: PosModule,
      controllers: [PurchasesController, CardsController, OpenApiController],
      providers: [
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
