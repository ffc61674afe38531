import {
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { AccountSettingsService, ProfileSettingsService } from '@kk/account-settings';
import { SignedInPage, type SignedInPageContext } from '../kit';
import { AttemptBudgets } from './attempt-budgets';
import {
  MultipartCsrfCheck,
  PHOTO_FIELD,
  PHOTO_MULTER_OPTIONS,
  PhotoUploadRefusedFilter,
  UploadSizeLimit,
  type UploadedPhoto,
} from './photo-upload';
import { settingsCaller } from './settings-caller';
import { SettingsPages } from './settings-pages';

/**
 * The account's photo (seed 004: "Sådan lægger du et billede på et kantinekort"), where the
 * tenant has `features.photo`: upload, remove, and the picture itself, served only to a login
 * that may see the account (404 for anyone else), and never kept in the browser's cache.
 */
@Controller('konti/:accountId/oplysninger/billede')
export class AccountPhotoController {
  constructor(
    private readonly settings: AccountSettingsService,
    private readonly profile: ProfileSettingsService,
    private readonly pages: SettingsPages,
    private readonly budgets: AttemptBudgets,
  ) {}

  @Get()
  async show(@SignedInPage() page: SignedInPageContext, @Param('accountId') accountId: string, @Res() res: Response) {
    const photo = await this.settings.photo(page.caller, page.tenant, accountId);
    if (!photo) throw new NotFoundException();
    // A child's photo must not outlive the session in a shared computer's cache; it is small.
    res.set({ 'Content-Type': photo.contentType, 'Cache-Control': 'no-store' });
    res.send(photo.data);
  }

  @Post()
  @UseInterceptors(UploadSizeLimit, FileInterceptor(PHOTO_FIELD, PHOTO_MULTER_OPTIONS), MultipartCsrfCheck)
  @UseFilters(PhotoUploadRefusedFilter)
  async upload(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @UploadedFile() file: UploadedPhoto | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const budget = this.budgets.of('photo', page);
    const outcome = await this.profile.savePhoto(settingsCaller(page), page.tenant, accountId, file?.buffer, budget);
    await this.pages.answer(res, page, accountId, outcome, { form: 'photo', notice: 'billede' });
  }

  @Post('slet')
  async remove(@SignedInPage() page: SignedInPageContext, @Param('accountId') accountId: string, @Res() res: Response) {
    const outcome = await this.profile.removePhoto(settingsCaller(page), page.tenant, accountId);
    await this.pages.answer(res, page, accountId, outcome, { form: 'photo', notice: 'billede-fjernet' });
  }
}
