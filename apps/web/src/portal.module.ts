import {
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import type { RequestHandler } from 'express';
import type Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { CardholdersModule, type CprCipher } from '@kk/cardholders';
import { TenantDatabaseModule } from '@kk/tenant-database';
import { IdentityModule, OWASP_ARGON2ID, PasswordHasher, type TotpSecretBox } from '@kk/identity';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { PaymentsModule, type PaymentProviders } from '@kk/payments';
import { AccountSettingsModule, PHOTO_UPLOAD_ROUTE } from './account-settings/account-settings.module';
import { AccountsModule } from './accounts/accounts.module';
import { BalanceAlertsModule } from './balance-alerts/balance-alerts.module';
import { CardTroubleModule } from './card-trouble/card-trouble.module';
import { DepositsModule } from './deposits/deposits.module';
import { StatementsModule } from './statements/statements.module';
import {
  CSRF,
  csrfProtection,
  SESSION_MIDDLEWARE,
  SESSION_SECRET,
  SessionValidityMiddleware,
  WebKitModule,
  type Csrf,
  type RateLimitSettings,
} from './kit';
import { LanguageModule } from './language/language.module';
import { LoginModule } from './login/login.module';
import type { CprGuessLimitSettings } from './oidc/cpr-guess-limits';
import { OidcModule } from './oidc/oidc.module';
import { PasswordResetModule } from './password-reset/password-reset.module';
import { SignupModule } from './signup/signup.module';
import { TwoFactorModule } from './two-factor/two-factor.module';

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
  /** Where the security event log writes; stdout unless given. */
  readonly securityEventDestination?: DestinationStream;
  /** Production uses the defaults; tests lower or raise single numbers. */
  readonly rateLimits?: Partial<RateLimitSettings>;
  readonly cprGuessLimits?: CprGuessLimitSettings;
  /** Seals the TOTP secrets of two-factor sign-in (MFA_ENCRYPTION_KEY). */
  readonly totpSecretBox: TotpSecretBox;
  /** Sign-up and "Glemt adgangskode" (email tenants); without it those routes do not exist. */
  readonly emailAccounts?: boolean;
  /** Each tenant's payment providers (ConfiguredPaymentProviders); without it "Indbetal" does not exist. */
  readonly paymentProviders?: PaymentProviders;
  /** Argon2id hashes at once in this process (PASSWORD_HASH_CONCURRENCY); unset, PasswordHasher's default. */
  readonly passwordHashConcurrency?: number;
}

/**
 * The signed-in portal's composition root: the data stack, the identity lib, the web kit
 * (sessions, CSRF, the sign-in guard, rate limits, the security log) and every feature
 * module. Features import only libs and the kit; this is the one place that knows them all.
 */
@Module({})
export class PortalModule implements NestModule {
  constructor(
    @Inject(SESSION_MIDDLEWARE) private readonly session: RequestHandler,
    @Inject(CSRF) private readonly csrf: Csrf,
  ) {}

  static forRoot(options: PortalOptions): DynamicModule {
    return {
      module: PortalModule,
      imports: [
        TenantDatabaseModule.forRoot({ dataSource: options.dataSource }),
        CardholdersModule.forRoot({ cprCipher: options.cprCipher }),
        WebKitModule.forRoot({
          redis: options.redis,
          sessionSecret: options.sessionSecret,
          secureCookies: options.secureCookies,
          publicOrigin: options.publicOrigin,
          rateLimits: options.rateLimits,
          securityEventDestination: options.securityEventDestination,
        }),
        IdentityModule.forRootAsync({
          inject: [SESSION_SECRET],
          useFactory: (sessionSecret: string) => ({
            passwordHasher: new PasswordHasher(OWASP_ARGON2ID, { concurrency: options.passwordHashConcurrency }),
            totpSecretBox: options.totpSecretBox,
            // Sealed under a key derived from SESSION_SECRET; the worker derives the same to send them.
            emailOutbox: new EmailOutbox(EmailSealer.fromSecret(sessionSecret)),
          }),
        }),
        LoginModule,
        LanguageModule,
        AccountsModule,
        StatementsModule,
        AccountSettingsModule,
        CardTroubleModule,
        BalanceAlertsModule,
        TwoFactorModule,
        OidcModule.forRoot({ clientSecrets: options.oidcClientSecrets, cprGuessLimits: options.cprGuessLimits }),
        ...(options.emailAccounts ? [SignupModule, PasswordResetModule] : []),
        ...(options.paymentProviders ? paymentModules(options.paymentProviders) : []),
      ],
    };
  }

  // Nest runs these after its body parser, so the CSRF check can read the posted token.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(this.session, SessionValidityMiddleware, csrfProtection(this.csrf))
      .exclude(
        { path: 'health', method: RequestMethod.ALL },
        { path: 'theme/:file', method: RequestMethod.GET },
        // Providers post there without a session or a CSRF token; a secret or signature proves them.
        { path: 'betaling/webhooks/:provider', method: RequestMethod.POST },
        // Multipart: account-settings gives it the session and checks its CSRF token after multer.
        PHOTO_UPLOAD_ROUTE,
      )
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

function paymentModules(providers: PaymentProviders): DynamicModule['imports'] & object {
  return [
    PaymentsModule.forRootAsync({
      inject: [SESSION_SECRET],
      // Receipts are sealed like the identity e-mails, so the worker opens them with the same key.
      useFactory: (sessionSecret: string) => ({
        providers,
        emailOutbox: new EmailOutbox(EmailSealer.fromSecret(sessionSecret)),
      }),
    }),
    DepositsModule,
  ];
}
