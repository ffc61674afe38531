import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { t } from '@kk/texts';
import { Public } from '../auth/public.decorator';
import { RateLimit, RateLimitedFilter, RateLimitGuard } from '../http/rate-limits';
import { SecurityEventLog } from '../security-log/security-event-log';
import { endSession, startSignedInSession } from '../session/portal-session';
import { field } from '../signup/email-tenant';
import { startSecondFactor } from '../two-factor/second-factor-session';
import { EmailLoginOnlyGuard } from './email-login-only.guard';
import { EmailPasswordGuard, passwordSignInOf } from './email-password.strategy';
import { pageContext } from './page-context';
import { loginPage } from './portal-views';
import { safeNext } from './sign-in-required';

@Controller()
export class LoginController {
  constructor(private readonly events: SecurityEventLog) {}

  @Public()
  @Get('login')
  show(
    @Req() req: Request,
    @Res() res: Response,
    @Query('next') next: unknown,
    @Query('udloebet') expired: unknown,
  ): void {
    const ctx = pageContext(req);
    const notice = expired === '1' ? t(ctx.locale, 'login.sessionEnded') : undefined;
    res.render('portal/login', loginPage(ctx, { next: safeNext(next), ...(notice ? { notice } : {}) }));
  }

  /** The rate limit counts first; then passport-local checks the password (EmailPasswordStrategy). */
  @Public()
  @Post('login')
  @UseGuards(EmailLoginOnlyGuard, RateLimitGuard, EmailPasswordGuard)
  @UseFilters(RateLimitedFilter)
  @RateLimit('login')
  async submit(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = pageContext(req);
    const email = field(form, 'email').trim();
    const next = safeNext(field(form, 'next'));
    const result = passwordSignInOf(req);
    if (result.kind === 'refused') {
      this.events.record('login.failed', { tenant: ctx.tenant.slug, ip: req.ip, email, reason: result.reason });
      res.status(422).render('portal/login', loginPage(ctx, { next, email, error: result.message }));
      return;
    }
    if (result.kind === 'secondFactor') {
      await startSecondFactor(req, { tenantId: ctx.tenant.slug, loginId: result.loginId, next });
      res.redirect(303, '/login/kode');
      return;
    }
    await startSignedInSession(req, { loginId: result.loginId, tenantId: ctx.tenant.slug, stamp: result.stamp });
    this.events.record('login.succeeded', { tenant: ctx.tenant.slug, ip: req.ip, login: result.loginId });
    res.redirect(303, next);
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await endSession(req);
    res.redirect(303, '/');
  }
}
