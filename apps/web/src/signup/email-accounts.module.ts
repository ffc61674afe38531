import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { PasswordResetController } from '../password-reset/password-reset.controller';
import type { EmailAccountsOptions } from './email-accounts.options';
import { SignupController } from './signup.controller';

export interface EmailAccountsModuleOptions extends EmailAccountsOptions {
  /** The portal's own instances (rate limits, security log, public origin), shared with these pages. */
  readonly shared: readonly Provider[];
}

/**
 * Self sign-up with an activation code, and "Glemt adgangskode", for email-login tenants.
 * The pages only; the flows and their e-mails are the identity lib's (SignupService,
 * SignupActivationService, PasswordResetService from the global IdentityModule).
 */
@Module({})
export class EmailAccountsModule {
  static forRoot(options: EmailAccountsModuleOptions): DynamicModule {
    return {
      module: EmailAccountsModule,
      controllers: [SignupController, PasswordResetController],
      providers: [...options.shared],
    };
  }
}
