import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isLocale } from '@kk/web-kit';
import { Public } from '../auth/public.decorator';
import { safeNext } from './sign-in-required';

/** A plain link switches language (works without JavaScript); the choice lives in the session. */
@Controller('sprog')
export class LanguageController {
  @Public()
  @Get()
  choose(@Req() req: Request, @Res() res: Response, @Query('l') locale: unknown, @Query('next') next: unknown): void {
    if (isLocale(locale)) req.session.locale = locale;
    // Back to the page the link was on, when it is one of ours; else the front page.
    res.redirect(303, typeof next === 'string' && safeNext(next) === next ? next : '/');
  }
}
