import { Module } from '@nestjs/common';
import { TwoFactorSettingsController } from './two-factor-settings.controller';

/** "Totrinsbekræftelse" under /sikkerhed: turning the app's code on and off (the code step itself is login's). */
@Module({ controllers: [TwoFactorSettingsController] })
export class TwoFactorModule {}
