import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TwoFactorService } from '@kk/identity';
import { t } from '@kk/texts';
import { Public } from '../auth/public.decorator';
import { RateLimit, RateLimitedFilter, RateLimitGuard } from '../http/rate-limits';
import { pageContext } from '../portal/page-context';
import { loginPage, portalView } from '../portal/portal-views';
import { SecurityEventLog } from '../security-log/security-event-log';
import { startSignedInSession } from '../session/portal-session';
import { field } from '../signup/email-tenant';
import { pendingSecondFactor, recordSecondFactorMiss } from './second-factor-session';

/** The code from the app, asked after a right password when the login has two-factor sign-in on. */
@Controller('login/kode')
@UseFilters(RateLimitedFilter)
export class SecondFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly events: SecurityEventLog,
  ) {}

  @Public()
  @Get()
  ask(@Req() req: Request, @Res() res: Response): void {
    const ctx = pageContext(req);
    if (!pendingSecondFactor(req, ctx.tenant.slug)) return res.redirect(303, '/login');
    res.render('two-factor/code', portalView(ctx, 'twoFactor.codeTitle', {}));
  }

  @Public()
  @Post()
  @UseGuards(RateLimitGuard)
  @RateLimit('secondFactor')
  async check(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = pageContext(req);
    const pending = pendingSecondFactor(req, ctx.tenant.slug);
    if (!pending) return res.redirect(303, '/login');
    const caller = { tenantId: ctx.tenant.slug, loginId: pending.loginId };
    const result = await this.twoFactor.signIn(caller, field(form, 'code'));
    if ('stamp' in result) {
      await startSignedInSession(req, { loginId: pending.loginId, tenantId: ctx.tenant.slug, stamp: result.stamp });
      this.events.record('login.succeeded', { tenant: ctx.tenant.slug, ip: req.ip, login: pending.loginId, mfa: true });
      return res.redirect(303, pending.next);
    }
    this.events.record('login.mfa_failed', {
      tenant: ctx.tenant.slug,
      ip: req.ip,
      login: pending.loginId,
      reason: result.ok ? 'unknown' : result.reason,
    });
    if (recordSecondFactorMiss(req, pending)) {
      const notice = t(ctx.locale, 'twoFactor.startOver');
      res.status(429).render('portal/login', loginPage(ctx, { next: pending.next, notice }));
      return;
    }
    const error = t(ctx.locale, 'twoFactor.wrongCode');
    res.status(422).render('two-factor/code', portalView(ctx, 'twoFactor.codeTitle', { error }));
  }
}
