import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { CprCipher } from '@kk/cardholders';
import { PasswordHasher } from '@kk/identity';
import { EmailOutbox, EmailSealer } from '@kk/notifications';
import { PasswordResetController } from '../password-reset/password-reset.controller';
import { PasswordResetService } from '../password-reset/password-reset.service';
import type { EmailAccountsOptions } from './email-accounts.options';
import { SignupController } from './signup.controller';
import { SignupService } from './signup.service';

export interface EmailAccountsModuleOptions extends EmailAccountsOptions {
  /** The portal's, connected as the restricted app role. */
  readonly dataSource: DataSource;
  /** The cardholders' CPR keys: a sign-up finds the student by CPR. */
  readonly cprCipher: CprCipher;
  /** SESSION_SECRET: the outbox e-mail key is derived from it (the worker derives the same). */
  readonly sessionSecret: string;
  /** The portal's own instances (rate limits, security log, public origin), shared with these pages. */
  readonly shared: readonly Provider[];
}

/** Self sign-up with an activation code, and "Glemt adgangskode", for email-login tenants. */
@Module({})
export class EmailAccountsModule {
  static forRoot(options: EmailAccountsModuleOptions): DynamicModule {
    const hasher = new PasswordHasher();
    const outbox = new EmailOutbox(EmailSealer.fromSecret(options.sessionSecret));
    return {
      module: EmailAccountsModule,
      controllers: [SignupController, PasswordResetController],
      providers: [
        ...options.shared,
        {
          provide: SignupService,
          useFactory: () => new SignupService(options.dataSource, options.cprCipher, hasher, outbox),
        },
        {
          provide: PasswordResetService,
          useFactory: () => new PasswordResetService(options.dataSource, hasher, outbox),
        },
      ],
    };
  }
}
