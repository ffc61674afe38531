import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { RateLimit, RateLimitedFilter, RateLimitGuard } from '../http/rate-limits';
import { endSession, startSignedInSession } from '../session/portal-session';
import { pageContext } from './page-context';
import { PortalIdentityService } from './portal-identity.service';
import { loginPage } from './portal-views';
import { safeNext } from './sign-in-required';

interface LoginForm {
  email?: unknown;
  password?: unknown;
  next?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

@Controller()
export class LoginController {
  constructor(private readonly identity: PortalIdentityService) {}

  @Public()
  @Get('login')
  show(@Req() req: Request, @Res() res: Response, @Query('next') next: unknown): void {
    res.render('portal/login', loginPage(pageContext(req), { next: safeNext(next) }));
  }

  @Public()
  @Post('login')
  @UseGuards(RateLimitGuard)
  @UseFilters(RateLimitedFilter)
  @RateLimit('login')
  async submit(@Req() req: Request, @Res() res: Response, @Body() form: LoginForm): Promise<void> {
    const ctx = pageContext(req);
    const email = text(form.email).trim();
    const next = safeNext(form.next);
    if (ctx.tenant.login.method !== 'email') {
      res.status(404).render('portal/login', loginPage(ctx, { next }));
      return;
    }
    const result = await this.identity.loginWithPassword(ctx.tenant.slug, email, text(form.password));
    if (!result.ok) {
      res.status(422).render('portal/login', loginPage(ctx, { next, email, error: result.message }));
      return;
    }
    await startSignedInSession(req, { loginId: result.loginId, tenantId: ctx.tenant.slug });
    res.redirect(303, next);
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await endSession(req);
    res.redirect(303, '/');
  }
}
