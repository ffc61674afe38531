import { Module } from '@nestjs/common';
import { EmailPasswordStrategy } from './email-password.strategy';
import { LoginController } from './login.controller';
import { LoginFormService } from './login-form.service';
import { SecondFactorController } from './second-factor.controller';
import { SecondFactorService } from './second-factor.service';

/** "Log på med E-Mail": the password (passport-local), then the app's code where it is on; and log out. */
@Module({
  controllers: [LoginController, SecondFactorController],
  providers: [EmailPasswordStrategy, LoginFormService, SecondFactorService],
})
export class LoginModule {}
