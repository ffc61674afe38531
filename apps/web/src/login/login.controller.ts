import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { t } from '@kk/texts';
import {
  endSession,
  Form,
  formSchema,
  loginPage,
  Page,
  Public,
  RateLimit,
  RateLimitedFilter,
  RateLimitGuard,
  safeNext,
  textField,
  trimmedField,
  type FormValues,
  type PageContext,
} from '../kit';
import { EmailLoginOnlyGuard } from './email-login-only.guard';
import { EmailPasswordGuard, passwordSignInOf } from './email-password.strategy';
import { LoginFormService } from './login-form.service';

/** The password itself is read by passport-local (EmailPasswordStrategy), never by this form. */
const loginForm = formSchema({ email: trimmedField, next: textField.transform(safeNext) });
type LoginForm = FormValues<typeof loginForm>;

@Controller()
export class LoginController {
  constructor(private readonly loginForms: LoginFormService) {}

  @Public()
  @Get('login')
  show(
    @Page() page: PageContext,
    @Res() res: Response,
    @Query('next') next: unknown,
    @Query('udloebet') expired: unknown,
  ): void {
    const notice = expired === '1' ? t(page.locale, 'login.sessionEnded') : undefined;
    res.render('portal/login', loginPage(page, { next: safeNext(next), ...(notice ? { notice } : {}) }));
  }

  /** The rate limit counts first; then passport-local checks the password (EmailPasswordStrategy). */
  @Public()
  @Post('login')
  @UseGuards(EmailLoginOnlyGuard, RateLimitGuard, EmailPasswordGuard)
  @UseFilters(RateLimitedFilter)
  @RateLimit('login')
  async submit(
    @Page() page: PageContext,
    @Form(loginForm) form: LoginForm,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const signIn = await this.loginForms.answer(req, page, passwordSignInOf(req), form);
    if (signIn.kind === 'refused') {
      const error = signIn.message;
      return res.status(422).render('portal/login', loginPage(page, { next: form.next, email: form.email, error }));
    }
    res.redirect(303, signIn.kind === 'secondFactor' ? '/login/kode' : form.next);
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await endSession(req);
    res.redirect(303, '/');
  }
}
