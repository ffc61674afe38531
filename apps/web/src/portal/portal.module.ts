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
import { CardholdersModule } from '@kk/cardholders';
import { TenantDatabaseModule } from '@kk/database';
import { IdentityModule, PasswordHasher, type TotpSecretBox } from '@kk/identity';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { AccountActionsController } from '../account-actions/account-actions.controller';
import { RateLimitGuard, RateLimitedFilter, RateLimiters, type RateLimitSettings } from '../http/rate-limits';
import {
  CPR_GUESS_LIMIT_SETTINGS,
  CPR_GUESS_REDIS,
  CprGuessLimits,
  DEFAULT_CPR_GUESS_LIMITS,
  type CprGuessLimitSettings,
} from '../oidc/cpr-guess-limits';
import { OidcController } from '../oidc/oidc.controller';
import { OidcStrategies } from '../oidc/oidc-strategies';
import { RelationsController } from '../relations/relations.controller';
import { SecurityEventLog } from '../security-log/security-event-log';
import { createCsrf, csrfErrorPage, isCsrfError, type Csrf } from '../session/csrf';
import { portalSession } from '../session/portal-session';
import { SessionValidityMiddleware } from '../session/session-validity.middleware';
import { EmailAccountsModule } from '../signup/email-accounts.module';
import { SecondFactorController } from '../two-factor/second-factor.controller';
import { TwoFactorSettingsController } from '../two-factor/two-factor-settings.controller';
import type { EmailAccountsOptions } from '../signup/email-accounts.options';
import { AccountsController } from './accounts.controller';
import { LanguageController } from './language.controller';
import { EmailPasswordStrategy } from './email-password.strategy';
import { LoginController } from './login.controller';
import { PUBLIC_ORIGIN, SECURE_COOKIES } from './portal-tokens';
import { SignedInGuard } from './signed-in.guard';
import { SignInRequiredFilter } from './sign-in-required';

export interface PortalOptions {
  /** Connected as the restricted app role. */
  readonly dataSource: DataSource;
  readonly redis: Redis;
  readonly sessionSecret: string;
  /** Secure, `__Host-` cookies: wherever the public origin is https. */
  readonly secureCookies: boolean;
  /** A tenant host's public origin (PUBLIC_BASE_URL_TEMPLATE): links and the OIDC redirect. */
  readonly publicOrigin: (host: string) => string;
  /** Encrypts and looks up CPR numbers (OIDC linking, sign-up); keys from the environment. */
  readonly cprCipher: CprCipher;
  /** Each OIDC tenant's client secret, resolved and checked at boot. */
  readonly oidcClientSecrets: ReadonlyMap<string, string>;
  readonly securityEvents?: SecurityEventLog;
  /** Production uses the defaults; tests lower or raise single numbers. */
  readonly rateLimits?: Partial<RateLimitSettings>;
  readonly cprGuessLimits?: CprGuessLimitSettings;
  /** Seals the TOTP secrets of two-factor sign-in (MFA_ENCRYPTION_KEY). */
  readonly totpSecretBox: TotpSecretBox;
  /** Sign-up and "Glemt adgangskode" (email tenants); without it those routes do not exist. */
  readonly emailAccounts?: EmailAccountsOptions;
}

const SESSION = Symbol('PORTAL_SESSION');
const CSRF = Symbol('PORTAL_CSRF');

/**
 * Sessions, CSRF, the sign-in guard and the signed-in pages. The identity lib's services
 * (IdentityModule, global) do the work; this module gives them their keys and the outbox.
 */
@Module({})
export class PortalModule implements NestModule {
  constructor(
    @Inject(SESSION) private readonly session: RequestHandler,
    @Inject(CSRF) private readonly csrf: Csrf,
  ) {}

  static forRoot(options: PortalOptions): DynamicModule {
    const events = options.securityEvents ?? new SecurityEventLog();
    const limiters = new RateLimiters(
      options.redis,
      (cpr) => options.cprCipher.blindIndex(cpr).toString('base64url'),
      options.rateLimits,
    );
    const shared = [
      { provide: SecurityEventLog, useValue: events },
      { provide: RateLimiters, useValue: limiters },
      { provide: PUBLIC_ORIGIN, useValue: options.publicOrigin },
      RateLimitGuard,
      RateLimitedFilter,
    ];
    return {
      module: PortalModule,
      imports: [
        TenantDatabaseModule.forRoot({ dataSource: options.dataSource }),
        CardholdersModule.forRoot({ cprCipher: options.cprCipher }),
        IdentityModule.forRoot({
          passwordHasher: new PasswordHasher(),
          totpSecretBox: options.totpSecretBox,
          // Sealed under a key derived from SESSION_SECRET; the worker derives the same to send them.
          emailOutbox: new EmailOutbox(EmailSealer.fromSecret(options.sessionSecret)),
        }),
        ...(options.emailAccounts ? [EmailAccountsModule.forRoot({ ...options.emailAccounts, shared })] : []),
      ],
      controllers: [
        LoginController,
        AccountsController,
        LanguageController,
        OidcController,
        RelationsController,
        AccountActionsController,
        SecondFactorController,
        TwoFactorSettingsController,
      ],
      providers: [
        EmailPasswordStrategy,
        ...shared,
        {
          provide: SESSION,
          useValue: portalSession({
            redis: options.redis,
            secret: options.sessionSecret,
            secureCookies: options.secureCookies,
          }),
        },
        {
          provide: CSRF,
          useValue: createCsrf({ secret: options.sessionSecret, secureCookies: options.secureCookies }),
        },
        { provide: SECURE_COOKIES, useValue: options.secureCookies },
        {
          provide: OidcStrategies,
          useValue: new OidcStrategies({
            clientSecrets: options.oidcClientSecrets,
            publicOrigin: options.publicOrigin,
          }),
        },
        { provide: CPR_GUESS_REDIS, useValue: options.redis },
        { provide: CPR_GUESS_LIMIT_SETTINGS, useValue: options.cprGuessLimits ?? DEFAULT_CPR_GUESS_LIMITS },
        CprGuessLimits,
        SessionValidityMiddleware,
        { provide: APP_GUARD, useClass: SignedInGuard },
        { provide: APP_FILTER, useClass: SignInRequiredFilter },
      ],
    };
  }

  // Nest runs these after its body parser, so the CSRF check can read the posted token.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(this.session, SessionValidityMiddleware, csrfProtection(this.csrf))
      .exclude({ path: 'health', method: RequestMethod.ALL }, { path: 'theme/:file', method: RequestMethod.GET })
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

function csrfProtection(csrf: Csrf): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    csrf.protect(req, res, (error?: unknown) => {
      if (error && isCsrfError(error)) return csrfErrorPage(error, req, res, next);
      next(error);
    });
  };
}
