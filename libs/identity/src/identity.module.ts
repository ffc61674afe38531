import { Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { EmailOutbox } from '@kk/notifications';
import { LoginsRepository } from './logins/logins.repository';
import { MyAccountsService } from './my-accounts/my-accounts.service';
import { LoginIdentitiesRepository } from './oidc/login-identities.repository';
import { OidcLoginService } from './oidc/oidc-login.service';
import { PasswordHasher } from './password-hasher';
import { PasswordLoginService } from './password-login/password-login.service';
import { PasswordResetService } from './password-reset/password-reset.service';
import { PasswordResetsRepository } from './password-reset/password-resets.repository';
import { RelationsModule } from './relations/relations.module';
import { LoginSessionsService } from './sessions/login-sessions.service';
import { SignupActivationService } from './signup/signup-activation.service';
import { SignupService } from './signup/signup.service';
import { SignupsRepository } from './signup/signups.repository';
import { LoginTotpRepository } from './totp/login-totp.repository';
import { TotpSecretBox } from './totp/totp-secret-box';
import { TwoFactorService } from './totp/two-factor.service';

export interface IdentityModuleOptions {
  /**
   * One per process: it caches the dummy hash that unknown emails are verified against.
   * Unset, this module makes one with the OWASP parameters.
   */
  readonly passwordHasher?: PasswordHasher;
  /** Seals the TOTP secrets (MFA_ENCRYPTION_KEY). */
  readonly totpSecretBox: TotpSecretBox;
  /** Sign-up's and password reset's e-mails, sealed into the outbox in the step's transaction. */
  readonly emailOutbox: EmailOutbox;
}

/** The options made by Nest, from other providers (an app's keys, its session secret). */
export interface IdentityModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: InjectionToken[];
  readonly useFactory: (...injected: never[]) => IdentityModuleOptions;
}

const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

const SERVICES = [
  LoginSessionsService,
  PasswordLoginService,
  TwoFactorService,
  MyAccountsService,
  OidcLoginService,
  SignupService,
  SignupActivationService,
  PasswordResetService,
];

/**
 * Logins: password sign-in, sessions, two-factor, MitID (OIDC) linking, "Mine konti",
 * email sign-up, password reset, and (RelationsModule) "Tilføj konto". Every service takes
 * its caller first and opens the tenant transaction itself. Needs TenantDatabaseModule and
 * CardholdersModule (both global); global itself, so every feature module of an app
 * injects these services.
 */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityModuleOptions): DynamicModule {
    return IdentityModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: IdentityModuleAsyncOptions): DynamicModule {
    const fromOptions = <T>(pick: (o: IdentityModuleOptions) => T) => ({
      inject: [IDENTITY_OPTIONS],
      useFactory: pick,
    });
    return {
      module: IdentityModule,
      global: true,
      imports: [RelationsModule, ...(options.imports ?? [])],
      providers: [
        { provide: IDENTITY_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        { provide: PasswordHasher, ...fromOptions((o) => o.passwordHasher ?? new PasswordHasher()) },
        { provide: TotpSecretBox, ...fromOptions((o) => o.totpSecretBox) },
        { provide: EmailOutbox, ...fromOptions((o) => o.emailOutbox) },
        LoginsRepository,
        LoginTotpRepository,
        LoginIdentitiesRepository,
        SignupsRepository,
        PasswordResetsRepository,
        ...SERVICES,
      ],
      exports: [RelationsModule, ...SERVICES],
    };
  }
}
