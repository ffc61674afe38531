import {
  Body,
  Controller,
  Get,
  Logger,
  NotFoundException,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { identityMessage, OidcLoginService, type AfterBrokerLogin, type CprStepOutcome } from '@kk/identity';
import type { OidcLoginConfig } from '@kk/tenancy';
import { Public } from '../auth/public.decorator';
import { RateLimit, RateLimitedFilter, RateLimitGuard } from '../http/rate-limits';
import { pageContext, type PageContext } from '../portal/page-context';
import { SecurityEventLog } from '../security-log/security-event-log';
import { startSignedInSession } from '../session/portal-session';
import { field } from '../signup/email-tenant';
import { CprGuessLimits } from './cpr-guess-limits';
import { forgetPendingIdentity, pendingIdentity, startPendingOidcSession } from './oidc-session';
import { OidcStrategies, OidcUnavailable } from './oidc-strategies';
import { cprPage, noCprPage, oidcLoginOf, oidcLoginPage, supportLine, type OidcNotice } from './oidc-views';

/**
 * MitID through the tenant's broker: /auth/oidc → broker → /auth/oidc/callback. A verified
 * link signs in; otherwise the person is linked on the broker's word: its CPR claim, or
 * (match mode) the CPR asked once at /auth/oidc/cpr and confirmed by the broker's CPR match.
 * On a tenant with email login none of these routes exist.
 */
@Controller('auth/oidc')
@UseFilters(RateLimitedFilter)
export class OidcController {
  private readonly logger = new Logger(OidcController.name);

  constructor(
    private readonly strategies: OidcStrategies,
    private readonly logins: OidcLoginService,
    private readonly guessLimits: CprGuessLimits,
    private readonly events: SecurityEventLog,
  ) {}

  @Public()
  @Get()
  @UseGuards(RateLimitGuard)
  @RateLimit('oidcStart')
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
      this.refused(req, ctx, 'callback');
      res.status(403).render('portal/login', oidcLoginPage(ctx, login, 'failed'));
      return;
    }
    const next = await this.logins.afterBrokerLogin({ tenantId: ctx.tenant.slug }, login, outcome);
    if (next.kind === 'askCpr') {
      const { issuer, subject } = outcome.identity;
      await startPendingOidcSession(req, {
        tenantId: ctx.tenant.slug,
        issuer,
        subject,
        accessToken: outcome.accessToken,
        reverify: next.reverify,
      });
      res.redirect(303, '/auth/oidc/cpr');
      return;
    }
    await this.answer(req, res, ctx, login, next);
  }

  @Public()
  @Get('cpr')
  askCpr(@Req() req: Request, @Res() res: Response): void {
    const { ctx, login } = this.oidcPage(req);
    const pending = pendingIdentity(req, ctx.tenant.slug);
    if (!pending) {
      res.status(403).render('portal/login', oidcLoginPage(ctx, login, 'expired'));
      return;
    }
    res.render('oidc/cpr', cprPage(ctx, { reverify: pending.reverify }));
  }

  /** Links only the identity the broker just authenticated, and only if the broker confirms the CPR. */
  @Public()
  @Post('cpr')
  @UseGuards(RateLimitGuard)
  @RateLimit('cpr')
  async linkCpr(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const { ctx, login } = this.oidcPage(req);
    const pending = pendingIdentity(req, ctx.tenant.slug);
    if (!pending) {
      res.status(403).render('portal/login', oidcLoginPage(ctx, login, 'expired'));
      return;
    }
    const outcome = await this.logins.linkTypedCpr({ tenantId: ctx.tenant.slug }, login, pending, field(form, 'cpr'), {
      address: req.ip ?? '',
      limits: this.guessLimits,
    });
    await this.answerCprStep(req, res, ctx, login, outcome, pending.reverify);
  }

  private async answerCprStep(
    req: Request,
    res: Response,
    ctx: PageContext,
    login: OidcLoginConfig,
    outcome: CprStepOutcome,
    reverify: boolean,
  ): Promise<void> {
    if (outcome.kind === 'invalid') {
      const error = identityMessage(outcome.failure.key, ctx.locale);
      res.status(422).render('oidc/cpr', cprPage(ctx, { error, reverify }));
      return;
    }
    if (outcome.kind === 'notYours') {
      this.refused(req, ctx, 'cpr_not_yours');
      const error = identityMessage('cprNotYours', ctx.locale);
      res.status(422).render('oidc/cpr', cprPage(ctx, { error, reverify }));
      return;
    }
    const ends: Partial<Record<CprStepOutcome['kind'], OidcNotice>> = {
      lockedOut: 'tooManyAttempts',
      expired: 'expired',
      unavailable: 'unavailable',
    };
    const notice = ends[outcome.kind];
    if (notice) {
      forgetPendingIdentity(req);
      if (outcome.kind === 'lockedOut') this.refused(req, ctx, 'locked_out');
      const status = outcome.kind === 'lockedOut' ? 429 : outcome.kind === 'unavailable' ? 503 : 403;
      res.status(status).render('portal/login', oidcLoginPage(ctx, login, notice));
      return;
    }
    await this.answer(req, res, ctx, login, outcome as Exclude<AfterBrokerLogin, { kind: 'askCpr' }>);
  }

  /** Signs in, or says plainly why not. */
  private async answer(
    req: Request,
    res: Response,
    ctx: PageContext,
    login: OidcLoginConfig,
    next: Exclude<AfterBrokerLogin, { kind: 'askCpr' }>,
  ): Promise<void> {
    if (next.kind === 'signIn') {
      await startSignedInSession(req, { loginId: next.loginId, tenantId: ctx.tenant.slug, stamp: next.stamp });
      this.events.record(next.linked ? 'mitid.linked' : 'mitid.login', {
        tenant: ctx.tenant.slug,
        ip: req.ip,
        login: next.loginId,
      });
      res.redirect(303, '/konti');
      return;
    }
    forgetPendingIdentity(req);
    this.refused(req, ctx, next.kind);
    if (next.kind === 'noCpr') {
      res.status(403).render('oidc/no-cpr', noCprPage(ctx, login));
      return;
    }
    if (next.kind === 'noCard') {
      const problem = identityMessage('noCardForCpr', ctx.locale);
      res.status(404).render('oidc/no-cpr', noCprPage(ctx, login, { problem, support: supportLine(ctx) }));
      return;
    }
    res.status(403).render('portal/login', oidcLoginPage(ctx, login, next.kind === 'disabled' ? 'disabled' : 'failed'));
  }

  private refused(req: Request, ctx: PageContext, reason: string): void {
    this.events.record('mitid.refused', { tenant: ctx.tenant.slug, ip: req.ip, reason });
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
