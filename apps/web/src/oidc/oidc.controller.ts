import { Body, Controller, Get, Logger, NotFoundException, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { identityMessage } from '@kk/identity';
import type { OidcLoginConfig } from '@kk/tenancy';
import { Public } from '../auth/public.decorator';
import { pageContext, type PageContext } from '../portal/page-context';
import { startSignedInSession } from '../session/portal-session';
import { OidcLoginService } from './oidc-login.service';
import {
  forgetPendingIdentity,
  MAX_CPR_MISSES,
  pendingIdentity,
  recordCprMiss,
  startPendingOidcSession,
} from './oidc-session';
import { OidcStrategies, OidcUnavailable } from './oidc-strategies';
import { cprPage, oidcLoginOf, oidcLoginPage, supportLine } from './oidc-views';

/**
 * MitID through the tenant's broker: /auth/oidc → broker → /auth/oidc/callback → a known
 * identity is signed in; an unknown one is asked its CPR number once (/auth/oidc/cpr).
 * On a tenant with email login none of these routes exist.
 */
@Controller('auth/oidc')
export class OidcController {
  private readonly logger = new Logger(OidcController.name);

  constructor(
    private readonly strategies: OidcStrategies,
    private readonly logins: OidcLoginService,
  ) {}

  @Public()
  @Get()
  async start(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { ctx, login } = this.oidcPage(req);
    try {
      await this.strategies.start(req, res, ctx.tenant, login);
    } catch (error) {
      this.unavailable(error, res, ctx, login);
    }
  }

  @Public()
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response, @Query('error') error: unknown): Promise<void> {
    const { ctx, login } = this.oidcPage(req);
    if (error === 'access_denied') {
      res.render('portal/login', oidcLoginPage(ctx, login, 'cancelled'));
      return;
    }
    let outcome;
    try {
      outcome = await this.strategies.finish(req, res, ctx.tenant, login);
    } catch (failure) {
      return this.unavailable(failure, res, ctx, login);
    }
    if (!outcome.ok) {
      this.logger.warn(`OIDC login refused on ${ctx.tenant.slug}: ${outcome.reason}`);
      res.status(403).render('portal/login', oidcLoginPage(ctx, login, 'failed'));
      return;
    }
    const { issuer, subject } = outcome.identity;
    const known = await this.logins.findLogin(ctx.tenant.slug, issuer, subject);
    if (known?.disabled) {
      res.status(403).render('portal/login', oidcLoginPage(ctx, login, 'disabled'));
      return;
    }
    if (known) {
      await startSignedInSession(req, { loginId: known.loginId, tenantId: ctx.tenant.slug });
      res.redirect(303, '/konti');
      return;
    }
    if (!login.cprLinking) {
      res.status(403).render('portal/login', oidcLoginPage(ctx, login, 'failed'));
      return;
    }
    await startPendingOidcSession(req, { tenantId: ctx.tenant.slug, issuer, subject });
    res.redirect(303, '/auth/oidc/cpr');
  }

  @Public()
  @Get('cpr')
  askCpr(@Req() req: Request, @Res() res: Response): void {
    const { ctx, login } = this.oidcPage(req);
    if (!pendingIdentity(req, ctx.tenant.slug)) {
      res.status(403).render('portal/login', oidcLoginPage(ctx, login, 'expired'));
      return;
    }
    res.render('oidc/cpr', cprPage(ctx));
  }

  /** Links only the identity the broker just authenticated, never one named in the form. */
  @Public()
  @Post('cpr')
  async linkCpr(@Req() req: Request, @Res() res: Response, @Body() form: { cpr?: unknown }): Promise<void> {
    const { ctx, login } = this.oidcPage(req);
    const pending = pendingIdentity(req, ctx.tenant.slug);
    if (!pending) {
      res.status(403).render('portal/login', oidcLoginPage(ctx, login, 'expired'));
      return;
    }
    const cpr = typeof form.cpr === 'string' ? form.cpr : '';
    const result = await this.logins.link(ctx.tenant.slug, pending, cpr);
    if (result.ok && result.disabled) {
      forgetPendingIdentity(req);
      res.status(403).render('portal/login', oidcLoginPage(ctx, login, 'disabled'));
      return;
    }
    if (result.ok) {
      await startSignedInSession(req, { loginId: result.loginId, tenantId: ctx.tenant.slug });
      res.redirect(303, '/konti');
      return;
    }
    const message = identityMessage(result.key, ctx.locale);
    if (result.key !== 'noCardForCpr') {
      res.status(422).render('oidc/cpr', cprPage(ctx, { error: message }));
      return;
    }
    // Only a well-formed CPR with no card counts: that answer is what a guesser would farm.
    if (recordCprMiss(req, pending) >= MAX_CPR_MISSES) {
      forgetPendingIdentity(req);
      res.status(429).render('portal/login', oidcLoginPage(ctx, login, 'tooManyAttempts'));
      return;
    }
    res.status(422).render('oidc/cpr', cprPage(ctx, { problem: message, support: supportLine(ctx) }));
  }

  private oidcPage(req: Request): { ctx: PageContext; login: OidcLoginConfig } {
    const ctx = pageContext(req);
    const login = oidcLoginOf(ctx.tenant);
    if (!login) throw new NotFoundException();
    return { ctx, login };
  }

  private unavailable(error: unknown, res: Response, ctx: PageContext, login: OidcLoginConfig): void {
    if (!(error instanceof OidcUnavailable)) throw error;
    this.logger.error(`OIDC login unavailable on ${ctx.tenant.slug}: ${error.message}`);
    res.status(503).render('portal/login', oidcLoginPage(ctx, login, 'unavailable'));
  }
}
