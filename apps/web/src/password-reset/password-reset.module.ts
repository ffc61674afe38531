import { Module } from '@nestjs/common';
import { PasswordResetController } from './password-reset.controller';

/** "Glemt adgangskode" for email-login tenants; the flow and its e-mails are the identity lib's (PasswordResetService). */
@Module({ controllers: [PasswordResetController] })
export class PasswordResetModule {}
