import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { t } from '@kk/texts';
import {
  Form,
  formSchema,
  loginPage,
  Page,
  Public,
  RateLimit,
  RateLimitedFilter,
  RateLimitGuard,
  textField,
  type FormValues,
  type PageContext,
} from '../kit';
import { codePage } from './login-views';
import { SecondFactorService } from './second-factor.service';
import { pendingSecondFactor } from './second-factor-session';

const codeForm = formSchema({ code: textField });

/** The code from the app, asked after a right password when the login has two-factor sign-in on. */
@Controller('login/kode')
@UseFilters(RateLimitedFilter)
export class SecondFactorController {
  constructor(private readonly secondFactor: SecondFactorService) {}

  @Public()
  @Get()
  ask(@Page() page: PageContext, @Req() req: Request, @Res() res: Response): void {
    if (!pendingSecondFactor(req, page.tenant.slug)) return res.redirect(303, '/login');
    res.render('two-factor/code', codePage(page));
  }

  @Public()
  @Post()
  @UseGuards(RateLimitGuard)
  @RateLimit('secondFactor')
  async check(
    @Page() page: PageContext,
    @Form(codeForm) form: FormValues<typeof codeForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.secondFactor.check(req, page, form.code);
    if (outcome.kind === 'noPending') return res.redirect(303, '/login');
    if (outcome.kind === 'signedIn') return res.redirect(303, outcome.next);
    if (outcome.kind === 'startOver') {
      const notice = t(page.locale, 'twoFactor.startOver');
      return res.status(429).render('portal/login', loginPage(page, { next: outcome.next, notice }));
    }
    res.status(422).render('two-factor/code', codePage(page, t(page.locale, 'twoFactor.wrongCode')));
  }
}
