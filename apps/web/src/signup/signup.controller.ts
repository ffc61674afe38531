import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignupActivationService, SignupService, type ResumeSignupResult } from '@kk/identity';
import {
  Form,
  formSchema,
  identityText,
  Public,
  PublicLinks,
  RateLimit,
  RateLimitedFilter,
  RateLimitGuard,
  SecurityEventLog,
  startSignedInSession,
  textField,
  trimmedField,
  type FormValues,
  type PageContext,
} from '../kit';
import { SignupPage } from './signup-page.decorator';
import { signupInSession } from './signup-session';
import { confirmationPage, failedStepPage, linkExpiredPage, signupPage } from './signup-views';

const detailsForm = formSchema({ cpr: textField, email: trimmedField });
const studentForm = formSchema({ name: trimmedField, cardNumber: trimmedField });
const codeForm = formSchema({ code: textField });
const passwordForm = formSchema({ password: textField, passwordRepeat: textField });

/** Where the activation e-mail's link continues, by the step the sign-up has reached. */
const RESUME_AT: Record<Extract<ResumeSignupResult, { ok: true }>['step'], string> = {
  details: '/opret/elev',
  activation: '/opret/aktivering',
  password: '/opret/adgangskode',
};

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
    private readonly links: PublicLinks,
  ) {}

  @Get()
  details(@SignupPage() page: PageContext, @Res() res: Response): void {
    res.render('signup/details', signupPage(page, 'details'));
  }

  @Post()
  @RateLimit('signup')
  async start(
    @SignupPage() page: PageContext,
    @Form(detailsForm) form: FormValues<typeof detailsForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const result = await this.signups.start(page.caller, form);
    const values = { email: form.email };
    if (!result.ok) return res.status(422).render('signup/details', failedStepPage(page, 'details', result, values));
    req.session.signup = { id: result.signupId };
    res.redirect(303, '/opret/elev');
  }

  @Get('elev')
  student(@SignupPage() page: PageContext, @Req() req: Request, @Res() res: Response): void {
    if (!signupInSession(req)) return res.redirect(303, '/opret');
    res.render('signup/student', signupPage(page, 'student'));
  }

  @Post('elev')
  @RateLimit('signup')
  async confirmStudent(
    @SignupPage() page: PageContext,
    @Form(studentForm) form: FormValues<typeof studentForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const signup = signupInSession(req);
    if (!signup) return res.redirect(303, '/opret');
    const student = { ...form, cardNumberRule: page.tenant.cardNumber };
    const mail = this.links.mail(req, page);
    const result = await this.signups.confirmStudentAndMail(page.caller, signup.id, student, mail);
    if (!result.ok) return res.status(422).render('signup/student', failedStepPage(page, 'student', result, form));
    if (result.alreadyRegistered) this.events.record('signup.existing_email', page.audit);
    res.redirect(303, '/opret/aktivering');
  }

  @Get('aktivering')
  activation(@SignupPage() page: PageContext, @Req() req: Request, @Res() res: Response): void {
    if (!signupInSession(req)) return res.redirect(303, '/opret');
    res.render('signup/activation', signupPage(page, 'activation'));
  }

  @Post('aktivering')
  @RateLimit('activation')
  async verifyCode(
    @SignupPage() page: PageContext,
    @Form(codeForm) form: FormValues<typeof codeForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const signup = signupInSession(req);
    if (!signup) return res.redirect(303, '/opret');
    const result = await this.activations.verifyCode(page.caller, signup.id, form.code);
    // An already used code means this step is done (a second tab, a double click): go on.
    if (result.ok || result.key === 'codeUsed') return res.redirect(303, '/opret/adgangskode');
    res.status(422).render('signup/activation', failedStepPage(page, 'activation', result));
  }

  @Get('adgangskode')
  password(@SignupPage() page: PageContext, @Req() req: Request, @Res() res: Response): void {
    if (!signupInSession(req)) return res.redirect(303, '/opret');
    res.render('signup/password', signupPage(page, 'password'));
  }

  /**
   * The step that proves the password also signs the new login in, in a fresh session that
   * keeps nothing of the sign-up: no later step can sign anyone in without the password.
   */
  @Post('adgangskode')
  @RateLimit('signup')
  async complete(
    @SignupPage() page: PageContext,
    @Form(passwordForm) form: FormValues<typeof passwordForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const signup = signupInSession(req);
    if (!signup) return res.redirect(303, '/opret');
    const result = await this.activations.complete(page.caller, signup.id, form.password, form.passwordRepeat);
    if (!result.ok) return res.status(422).render('signup/password', failedStepPage(page, 'password', result));
    await startSignedInSession(req, page.tenant.slug, result);
    this.events.record('signup.completed', { ...page.audit, login: result.loginId });
    res.redirect(303, '/opret/bekraeftelse');
  }

  /** The seed's confirmation; its "Næste" leads to Mine konti. Only for the signed-in. */
  @Get('bekraeftelse')
  confirmation(@SignupPage() page: PageContext, @Res() res: Response): void {
    if (!page.signedIn) return res.redirect(303, '/opret');
    res.render('signup/confirmation', confirmationPage(page));
  }

  /** "Fortsæt aktiveringen" from the activation email, in this or any other browser. */
  @Get('fortsaet')
  async resume(
    @SignupPage() page: PageContext,
    @Req() req: Request,
    @Res() res: Response,
    @Query('token') token: unknown,
  ): Promise<void> {
    const result = await this.activations.resume(page.caller, typeof token === 'string' ? token : '');
    if (!result.ok)
      return res.status(410).render('signup/link-expired', linkExpiredPage(page, identityText(result, page.locale)));
    req.session.signup = { id: result.signupId };
    res.redirect(303, RESUME_AT[result.step]);
  }
}
