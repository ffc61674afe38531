import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PasswordResetService } from '@kk/identity';
import { t } from '@kk/texts';
import {
  endSession,
  Form,
  formSchema,
  identityErrors,
  loginPage,
  Public,
  PublicLinks,
  RateLimit,
  RateLimitedFilter,
  RateLimitGuard,
  SecurityEventLog,
  textField,
  type FormValues,
  type PageContext,
} from '../kit';
import { PasswordPage } from './password-page.decorator';
import { forgotPage, invalidLinkPage, resetPage, sentPage } from './password-reset-views';

const forgotForm = formSchema({ email: textField });
const resetForm = formSchema({ token: textField, password: textField, passwordRepeat: textField });

/** "Glemt adgangskode" → email "Nulstil adgangskode" → link → new password twice → "Gem Password". */
@Public()
@Controller()
@UseGuards(RateLimitGuard)
@UseFilters(RateLimitedFilter)
export class PasswordResetController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly events: SecurityEventLog,
    private readonly links: PublicLinks,
  ) {}

  @Get('glemt-adgangskode')
  forgot(@PasswordPage() page: PageContext, @Res() res: Response): void {
    res.render('password-reset/forgot', forgotPage(page));
  }

  /** One answer for every address, known or not; only a known one gets the email. */
  @Post('glemt-adgangskode')
  @RateLimit('forgot')
  async request(
    @PasswordPage() page: PageContext,
    @Form(forgotForm) form: FormValues<typeof forgotForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.resets.request(page.caller, form.email, this.links.mail(req, page));
    this.events.record('password_reset.requested', { ...page.audit, email: form.email });
    res.status(200).render('password-reset/sent', sentPage(page));
  }

  @Get('nulstil')
  async show(@PasswordPage() page: PageContext, @Res() res: Response, @Query('token') token: unknown): Promise<void> {
    const value = typeof token === 'string' ? token : '';
    if (!(await this.resets.isTokenValid(page.caller, value))) {
      return res.status(410).render('signup/link-expired', invalidLinkPage(page));
    }
    res.render('password-reset/reset', resetPage(page, value));
  }

  @Post('nulstil')
  async reset(
    @PasswordPage() page: PageContext,
    @Form(resetForm) form: FormValues<typeof resetForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const mail = this.links.mail(req, page);
    const result = await this.resets.reset(page.caller, form.token, form.password, form.passwordRepeat, mail);
    if (result.ok) {
      this.events.record('password_reset.completed', { ...page.audit, login: result.loginId });
      // This browser's own signed-in session ended with the others; drop it rather than keep a dead one.
      if (page.signedIn) await endSession(req);
      return res.redirect(303, '/nulstil/udfoert');
    }
    if (result.field === 'token') return res.status(410).render('signup/link-expired', invalidLinkPage(page));
    res.status(422).render('password-reset/reset', resetPage(page, form.token, identityErrors(result, page.locale)));
  }

  /** The login page with the news; every older session of the login has ended. */
  @Get('nulstil/udfoert')
  done(@PasswordPage() page: PageContext, @Res() res: Response): void {
    res.render('portal/login', loginPage(page, { next: '/konti', notice: t(page.locale, 'reset.done') }));
  }
}
