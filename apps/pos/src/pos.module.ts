import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { PosAuthorizationService, TillAuthenticator, type SqlRunner } from '@kk/pos-authorization';
import { CardsController } from './cards/cards.controller';
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
        { provide: APP_GUARD, useClass: TillAuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
