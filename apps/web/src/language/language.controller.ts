import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isLocale } from '@kk/texts';
import { Public, rememberLocale, safeNext, SECURE_COOKIES } from '../kit';

/** A plain link switches language (works without JavaScript); the choice lives in a cookie, not a session. */
@Controller('sprog')
export class LanguageController {
  constructor(@Inject(SECURE_COOKIES) private readonly secureCookies: boolean) {}

  @Public()
  @Get()
  choose(@Req() req: Request, @Res() res: Response, @Query('l') locale: unknown, @Query('next') next: unknown): void {
    if (isLocale(locale)) rememberLocale(res, locale, this.secureCookies);
    // Back to the page the link was on, when it is one of ours; else the front page.
    res.redirect(303, typeof next === 'string' && safeNext(next) === next ? next : '/');
  }
}
