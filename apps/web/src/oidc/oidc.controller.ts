import { Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { OidcLoginConfig } from '@kk/tenancy';
import {
  Form,
  formSchema,
  Page,
  Public,
  RateLimit,
  RateLimitedFilter,
  RateLimitGuard,
  textField,
  type FormValues,
  type PageContext,
} from '../kit';
import { OidcCallbackService } from './oidc-callback.service';
import { OidcLogin } from './oidc-login.decorator';
import { oidcAnswer, reply } from './oidc-views';

const cprForm = formSchema({ cpr: textField });

/**
 * MitID through the tenant's broker: /auth/oidc → broker → /auth/oidc/callback. A verified
 * link signs in; otherwise the person is linked on the broker's word: its CPR claim, or
 * (match mode) the CPR asked once at /auth/oidc/cpr and confirmed by the broker's CPR match.
 * On a tenant with email login none of these routes exist.
 */
@Controller('auth/oidc')
@UseFilters(RateLimitedFilter)
export class OidcController {
  constructor(private readonly oidc: OidcCallbackService) {}

  @Public()
  @Get()
  @UseGuards(RateLimitGuard)
  @RateLimit('oidcStart')
  async start(
    @Page() page: PageContext,
    @OidcLogin() login: OidcLoginConfig,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.oidc.start(req, res, page, login);
    if (outcome) reply(res, oidcAnswer(page, login, outcome));
  }

  @Public()
  @Get('callback')
  async callback(
    @Page() page: PageContext,
    @OidcLogin() login: OidcLoginConfig,
    @Req() req: Request,
    @Res() res: Response,
    @Query('error') error: unknown,
  ): Promise<void> {
    reply(res, oidcAnswer(page, login, await this.oidc.callback(req, res, page, login, error)));
  }

  @Public()
  @Get('cpr')
  askCpr(@Page() page: PageContext, @OidcLogin() login: OidcLoginConfig, @Req() req: Request, @Res() res: Response) {
    reply(res, oidcAnswer(page, login, this.oidc.cprQuestion(req, page)));
  }

  @Public()
  @Post('cpr')
  @UseGuards(RateLimitGuard)
  @RateLimit('cpr')
  async linkCpr(
    @Page() page: PageContext,
    @OidcLogin() login: OidcLoginConfig,
    @Form(cprForm) form: FormValues<typeof cprForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    reply(res, oidcAnswer(page, login, await this.oidc.linkTypedCpr(req, page, login, form.cpr)));
  }
}
