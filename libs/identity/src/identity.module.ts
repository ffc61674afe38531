import { Module, type DynamicModule } from '@nestjs/common';
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
  /** One per process: it caches the dummy hash that unknown emails are verified against. */
  readonly passwordHasher: PasswordHasher;
  /** Seals the TOTP secrets (MFA_ENCRYPTION_KEY). */
  readonly totpSecretBox: TotpSecretBox;
  /** Sign-up's and password reset's e-mails, sealed into the outbox in the step's transaction. */
  readonly emailOutbox: EmailOutbox;
}

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
    return {
      module: IdentityModule,
      global: true,
      imports: [RelationsModule],
      providers: [
        { provide: PasswordHasher, useValue: options.passwordHasher },
        { provide: TotpSecretBox, useValue: options.totpSecretBox },
        { provide: EmailOutbox, useValue: options.emailOutbox },
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
