import {
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { CprCipher } from '@kk/cardholders';
import { PasswordHasher } from '@kk/identity';
import { AccountActionsController } from '../account-actions/account-actions.controller';
import { cprRateLimit } from '../oidc/cpr-rate-limit';
import { RateLimitGuard, RateLimiters } from '../http/rate-limits';
import { OidcController } from '../oidc/oidc.controller';
import { OidcLoginService } from '../oidc/oidc-login.service';
import { OidcStrategies } from '../oidc/oidc-strategies';
import { csrf, csrfErrorPage, isCsrfError } from '../session/csrf';
import { absoluteTimeout, portalSession } from '../session/portal-session';
import { EmailAccountsModule } from '../signup/email-accounts.module';
import type { EmailAccountsOptions } from '../signup/email-accounts.options';
import { RelationsController } from '../relations/relations.controller';
import { RelationsService } from '../relations/relations.service';
import { AccountsController } from './accounts.controller';
import { LanguageController } from './language.controller';
import { LoginController } from './login.controller';
import { PortalIdentityService } from './portal-identity.service';
import { SignedInGuard } from './signed-in.guard';
import { SignInRequiredFilter } from './sign-in-required';

export interface PortalOptions {
  /** Connected as the restricted app role. */
  readonly dataSource: DataSource;
  readonly redis: Redis;
  readonly sessionSecret: string;
  readonly secureCookies: boolean;
  /** Encrypts and looks up CPR numbers (OIDC linking, sign-up); keys from the environment. */
  readonly cprCipher: CprCipher;
  /** Sign-up and "Glemt adgangskode" (email tenants); without it those routes do not exist. */
  readonly emailAccounts?: EmailAccountsOptions;
}

const SESSION = Symbol('PORTAL_SESSION');

/** Sessions, CSRF, the sign-in guard and the signed-in pages. */
@Module({})
export class PortalModule implements NestModule {
  constructor(@Inject(SESSION) private readonly session: RequestHandler) {}

  static forRoot(options: PortalOptions): DynamicModule {
    return {
      module: PortalModule,
      imports: options.emailAccounts
        ? [
            EmailAccountsModule.forRoot({
              ...options.emailAccounts,
              dataSource: options.dataSource,
              redis: options.redis,
              cprCipher: options.cprCipher,
            }),
          ]
        : [],
      controllers: [
        LoginController,
        AccountsController,
        LanguageController,
        OidcController,
        RelationsController,
        AccountActionsController,
      ],
      providers: [
        // The login form's limits; the sign-up module keeps its own instance for its forms.
        { provide: RateLimiters, useFactory: () => new RateLimiters(options.redis) },
        RateLimitGuard,
        {
          provide: SESSION,
          useValue: portalSession({
            redis: options.redis,
            secret: options.sessionSecret,
            secureCookies: options.secureCookies,
          }),
        },
        { provide: PasswordHasher, useValue: new PasswordHasher() },
        {
          provide: PortalIdentityService,
          useFactory: (hasher: PasswordHasher) => new PortalIdentityService(options.dataSource, hasher),
          inject: [PasswordHasher],
        },
        { provide: RelationsService, useValue: new RelationsService(options.dataSource, options.cprCipher) },
        { provide: OidcStrategies, useValue: new OidcStrategies() },
        { provide: OidcLoginService, useValue: new OidcLoginService(options.dataSource, options.cprCipher) },
        { provide: APP_GUARD, useClass: SignedInGuard },
        { provide: APP_FILTER, useClass: SignInRequiredFilter },
      ],
    };
  }

  // Nest runs these after its body parser, so the CSRF check can read the posted token.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(this.session, absoluteTimeout, csrfProtection)
      .exclude({ path: 'health', method: RequestMethod.ALL })
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
    consumer.apply(cprRateLimit()).forRoutes({ path: 'auth/oidc/cpr', method: RequestMethod.POST });
  }
}

function csrfProtection(req: Request, res: Response, next: NextFunction): void {
  csrf.csrfSynchronisedProtection(req, res, (error?: unknown) => {
    if (error && isCsrfError(error)) return csrfErrorPage(error, req, res, next);
    next(error);
  });
}
