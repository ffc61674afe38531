import { Module, type DynamicModule } from '@nestjs/common';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { CprCipher } from '@kk/cardholders';
import { PasswordHasher } from '@kk/identity';
import { PasswordResetController } from '../password-reset/password-reset.controller';
import { PasswordResetService } from '../password-reset/password-reset.service';
import type { EmailAccountsOptions } from './email-accounts.options';
import { RateLimitGuard, RateLimiters } from '../http/rate-limits';
import { SignupController } from './signup.controller';
import { SignupService } from './signup.service';

export interface EmailAccountsModuleOptions extends EmailAccountsOptions {
  /** The portal's, connected as the restricted app role. */
  readonly dataSource: DataSource;
  /** The portal's session Redis, which also keeps the rate-limit counters. */
  readonly redis: Redis;
  /** The cardholders' CPR keys: a sign-up finds the student by CPR. */
  readonly cprCipher: CprCipher;
}

/** Self sign-up with an activation code, and "Glemt adgangskode", for email-login tenants. */
@Module({})
export class EmailAccountsModule {
  static forRoot(options: EmailAccountsModuleOptions): DynamicModule {
    const hasher = new PasswordHasher();
    return {
      module: EmailAccountsModule,
      controllers: [SignupController, PasswordResetController],
      providers: [
        { provide: RateLimiters, useFactory: () => new RateLimiters(options.redis, options.rateLimits) },
        RateLimitGuard,
        {
          provide: SignupService,
          useFactory: () => new SignupService(options.dataSource, options.cprCipher, hasher, options.emailSender),
        },
        {
          provide: PasswordResetService,
          useFactory: () => new PasswordResetService(options.dataSource, hasher, options.emailSender),
        },
      ],
    };
  }
}
