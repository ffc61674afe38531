import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignupActivationService, SignupService } from '@kk/identity';
import { Public } from '../auth/public.decorator';
import { PUBLIC_ORIGIN } from '../portal/portal-tokens';
import { SecurityEventLog } from '../security-log/security-event-log';
import { startSignedInSession } from '../session/portal-session';
import { field, publicBaseUrl, signupContext } from './email-tenant';
import { formError } from './form-errors';
import { RateLimit, RateLimitedFilter, RateLimitGuard } from '../http/rate-limits';
import { signupInSession } from './signup-session';
import { confirmationPage, failureView, linkExpiredPage, signupPage } from './signup-views';

/**
 * Seed 000's "Ny bruger" in five server-rendered steps. The sign-up's id stays in the
 * session; the activation email's link puts it back into any browser's session.
 */
@Public()
@Controller('opret')
@UseGuards(RateLimitGuard)
@UseFilters(RateLimitedFilter)
export class SignupController {
  constructor(
    private readonly signups: SignupService,
    private readonly activations: SignupActivationService,
    private readonly events: SecurityEventLog,
    @Inject(PUBLIC_ORIGIN) private readonly publicOrigin: (host: string) => string,
  ) {}

  @Get()
  details(@Req() req: Request, @Res() res: Response): void {
    res.render('signup/details', signupPage(signupContext(req), 'details'));
  }

  @Post()
  @RateLimit('signup')
  async start(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = signupContext(req);
    const email = field(form, 'email').trim();
    const result = await this.signups.start({ tenantId: ctx.tenant.slug }, { cpr: field(form, 'cpr'), email });
    if (!result.ok) {
      res
        .status(422)
        .render('signup/details', signupPage(ctx, 'details', { ...failureView(result, ctx), values: { email } }));
      return;
    }
    req.session.signup = { id: result.signupId };
    res.redirect(303, '/opret/elev');
  }

  @Get('elev')
  student(@Req() req: Request, @Res() res: Response): void {
    const ctx = signupContext(req);
    if (!signupInSession(req)) return res.redirect(303, '/opret');
    res.render('signup/student', signupPage(ctx, 'student'));
  }

  @Post('elev')
  @RateLimit('signup')
  async confirmStudent(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = signupContext(req);
    const signup = signupInSession(req);
    if (!signup) return res.redirect(303, '/opret');
    const values = { name: field(form, 'name').trim(), cardNumber: field(form, 'cardNumber').trim() };
    const result = await this.signups.confirmStudentAndMail(
      { tenantId: ctx.tenant.slug },
      signup.id,
      { ...values, cardNumberRule: ctx.tenant.cardNumber },
      { tenant: ctx.tenant, baseUrl: publicBaseUrl(req, ctx.tenant, this.publicOrigin), locale: ctx.locale },
    );
    if (result.ok) {
      if (result.alreadyRegistered)
        this.events.record('signup.existing_email', { tenant: ctx.tenant.slug, ip: req.ip });
      return res.redirect(303, '/opret/aktivering');
    }
    const failure =
      'mailFailed' in result ? { errors: formError(ctx.locale, 'signup.mailFailed') } : failureView(result, ctx);
    res
      .status('mailFailed' in result ? 503 : 422)
      .render('signup/student', signupPage(ctx, 'student', { ...failure, values }));
  }

  @Get('aktivering')
  activation(@Req() req: Request, @Res() res: Response): void {
    const ctx = signupContext(req);
    if (!signupInSession(req)) return res.redirect(303, '/opret');
    res.render('signup/activation', signupPage(ctx, 'activation'));
  }

  @Post('aktivering')
  @RateLimit('activation')
  async verifyCode(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = signupContext(req);
    const signup = signupInSession(req);
    if (!signup) return res.redirect(303, '/opret');
    const result = await this.activations.verifyCode({ tenantId: ctx.tenant.slug }, signup.id, field(form, 'code'));
    // An already used code means this step is done (a second tab, a double click): go on.
    if (result.ok || result.key === 'codeUsed') return res.redirect(303, '/opret/adgangskode');
    res.status(422).render('signup/activation', signupPage(ctx, 'activation', failureView(result, ctx)));
  }

  @Get('adgangskode')
  password(@Req() req: Request, @Res() res: Response): void {
    const ctx = signupContext(req);
    if (!signupInSession(req)) return res.redirect(303, '/opret');
    res.render('signup/password', signupPage(ctx, 'password'));
  }

  /**
   * The step that proves the password also signs the new login in, in a fresh session that
   * keeps nothing of the sign-up: no later step can sign anyone in without the password.
   */
  @Post('adgangskode')
  @RateLimit('signup')
  async complete(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = signupContext(req);
    const signup = signupInSession(req);
    if (!signup) return res.redirect(303, '/opret');
    const result = await this.activations.complete(
      { tenantId: ctx.tenant.slug },
      signup.id,
      field(form, 'password'),
      field(form, 'passwordRepeat'),
    );
    if (!result.ok) {
      res.status(422).render('signup/password', signupPage(ctx, 'password', failureView(result, ctx)));
      return;
    }
    await startSignedInSession(req, { loginId: result.loginId, tenantId: ctx.tenant.slug, stamp: result.stamp });
    this.events.record('signup.completed', { tenant: ctx.tenant.slug, ip: req.ip, login: result.loginId });
    res.redirect(303, '/opret/bekraeftelse');
  }

  /** The seed's confirmation; its "Næste" leads to Mine konti. Only for the signed-in. */
  @Get('bekraeftelse')
  confirmation(@Req() req: Request, @Res() res: Response): void {
    const ctx = signupContext(req);
    if (!ctx.signedIn) return res.redirect(303, '/opret');
    res.render('signup/confirmation', confirmationPage(ctx));
  }

  /** "Fortsæt aktiveringen" from the activation email, in this or any other browser. */
  @Get('fortsaet')
  async resume(@Req() req: Request, @Res() res: Response, @Query('token') token: unknown): Promise<void> {
    const ctx = signupContext(req);
    const result = await this.activations.resume({ tenantId: ctx.tenant.slug }, typeof token === 'string' ? token : '');
    if (!result.ok) {
      const message = ctx.locale === 'da' ? result.message : failureView(result, ctx).errors?.token;
      res
        .status(410)
        .render(
          'signup/link-expired',
          linkExpiredPage(ctx, message ?? '', { url: '/opret', textKey: 'signup.startOver' }),
        );
      return;
    }
    req.session.signup = { id: result.signupId };
    res.redirect(
      303,
      result.step === 'password'
        ? '/opret/adgangskode'
        : result.step === 'details'
          ? '/opret/elev'
          : '/opret/aktivering',
    );
  }
}
