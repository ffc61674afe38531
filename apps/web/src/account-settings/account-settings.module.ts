import { Inject, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { AccountSettingsModule as AccountSettingsServices } from '@kk/account-settings';
import { SESSION_MIDDLEWARE, SessionValidityMiddleware } from '../kit';
import { AccountPhotoController } from './account-photo.controller';
import { AccountSettingsController } from './account-settings.controller';
import { AttemptBudgets } from './attempt-budgets';
import { MultipartCsrfCheck, PhotoUploadRefusedFilter, UploadSizeLimit } from './photo-upload';
import { SettingsPages } from './settings-pages';

/** The photo upload's route, which the portal's session/CSRF chain leaves out (see photo-upload.ts). */
export const PHOTO_UPLOAD_ROUTE = { path: 'konti/:accountId/oplysninger/billede', method: RequestMethod.POST };

/** "Brugeroplysninger": the page, its forms and the account's photo. */
@Module({
  imports: [AccountSettingsServices],
  controllers: [AccountSettingsController, AccountPhotoController],
  providers: [SettingsPages, AttemptBudgets, UploadSizeLimit, MultipartCsrfCheck, PhotoUploadRefusedFilter],
})
export class AccountSettingsModule implements NestModule {
  constructor(@Inject(SESSION_MIDDLEWARE) private readonly session: RequestHandler) {}

  // The session the portal's chain would have given the upload; its CSRF check follows multer.
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.session, SessionValidityMiddleware).forRoutes(PHOTO_UPLOAD_ROUTE);
  }
}
