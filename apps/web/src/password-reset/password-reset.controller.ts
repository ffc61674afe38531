import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PasswordResetService, RESET_TOKEN_MINUTES } from '@kk/identity';
import { t } from '@kk/texts';
import { Public } from '../auth/public.decorator';
import { endSession } from '../session/portal-session';
import { loginPage, portalView } from '../portal/portal-views';
import { field, passwordContext, publicBaseUrl } from '../signup/email-tenant';
import { RateLimit, RateLimitedFilter, RateLimitGuard } from '../http/rate-limits';
import { failureView, linkExpiredPage } from '../signup/signup-views';
import type { PageContext } from '../portal/page-context';
import type { FormErrors } from '../signup/form-errors';
import { PUBLIC_ORIGIN } from '../portal/portal-tokens';
import { SecurityEventLog } from '../security-log/security-event-log';

function resetPage(ctx: PageContext, token: string, errors: FormErrors = {}) {
  return portalView(ctx, 'reset.title', {
    token,
    errors,
    passwordLabel: t(ctx.locale, 'reset.newPassword'),
    repeatLabel: t(ctx.locale, 'reset.repeat'),
  });
}

function invalidLinkPage(ctx: PageContext) {
  return linkExpiredPage(ctx, t(ctx.locale, 'reset.invalid'), {
    url: '/glemt-adgangskode',
    textKey: 'reset.askAgain',
  });
}

/** "Glemt adgangskode" → email "Nulstil adgangskode" → link → new password twice → "Gem Password". */
@Public()
@Controller()
@UseGuards(RateLimitGuard)
@UseFilters(RateLimitedFilter)
export class PasswordResetController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly events: SecurityEventLog,
    @Inject(PUBLIC_ORIGIN) private readonly publicOrigin: (host: string) => string,
  ) {}

  @Get('glemt-adgangskode')
  forgot(@Req() req: Request, @Res() res: Response): void {
    res.render(
      'password-reset/forgot',
      portalView(passwordContext(req), 'reset.forgotTitle', { errors: {}, values: {} }),
    );
  }

  /** One answer for every address, known or not; only a known one gets the email. */
  @Post('glemt-adgangskode')
  @RateLimit('forgot')
  async request(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = passwordContext(req);
    const email = field(form, 'email');
    await this.resets.request({ tenantId: ctx.tenant.slug }, email, {
      tenant: ctx.tenant,
      baseUrl: publicBaseUrl(req, ctx.tenant, this.publicOrigin),
      locale: ctx.locale,
    });
    this.events.record('password_reset.requested', { tenant: ctx.tenant.slug, ip: req.ip, email });
    res.status(200).render('password-reset/sent', portalView(ctx, 'reset.sentTitle', { minutes: RESET_TOKEN_MINUTES }));
  }

  @Get('nulstil')
  async show(@Req() req: Request, @Res() res: Response, @Query('token') token: unknown): Promise<void> {
    const ctx = passwordContext(req);
    const value = typeof token === 'string' ? token : '';
    if (!(await this.resets.isTokenValid({ tenantId: ctx.tenant.slug }, value))) {
      res.status(410).render('signup/link-expired', invalidLinkPage(ctx));
      return;
    }
    res.render('password-reset/reset', resetPage(ctx, value));
  }

  @Post('nulstil')
  async reset(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = passwordContext(req);
    const token = field(form, 'token');
    const result = await this.resets.reset(
      { tenantId: ctx.tenant.slug },
      token,
      field(form, 'password'),
      field(form, 'passwordRepeat'),
      { tenant: ctx.tenant, baseUrl: publicBaseUrl(req, ctx.tenant, this.publicOrigin), locale: ctx.locale },
    );
    if (result.ok) {
      this.events.record('password_reset.completed', { tenant: ctx.tenant.slug, ip: req.ip, login: result.loginId });
      // This browser's own signed-in session ended with the others; drop it rather than keep a dead one.
      if (req.session.loginId) await endSession(req);
      return res.redirect(303, '/nulstil/udfoert');
    }
    if (result.field === 'token') {
      res.status(410).render('signup/link-expired', invalidLinkPage(ctx));
      return;
    }
    res.status(422).render('password-reset/reset', resetPage(ctx, token, failureView(result, ctx).errors));
  }

  /** The login page with the news; every older session of the login has ended. */
  @Get('nulstil/udfoert')
  done(@Req() req: Request, @Res() res: Response): void {
    const ctx = passwordContext(req);
    res.render('portal/login', loginPage(ctx, { next: '/konti', notice: t(ctx.locale, 'reset.done') }));
  }
}
