import { Module } from '@nestjs/common';
import { SignupController } from './signup.controller';

/**
 * Self sign-up with an activation code, for email-login tenants. The pages only; the flow
 * and its e-mails are the identity lib's (SignupService, SignupActivationService).
 */
@Module({ controllers: [SignupController] })
export class SignupModule {}
