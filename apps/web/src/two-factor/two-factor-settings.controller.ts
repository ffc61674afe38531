import { Body, Controller, Get, NotFoundException, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toString as qrCodeSvg } from 'qrcode';
import { TwoFactorService, type LoginCaller } from '@kk/identity';
import { t } from '@kk/texts';
import { pageContext, type PageContext } from '../portal/page-context';
import { portalView } from '../portal/portal-views';
import { SecurityEventLog } from '../security-log/security-event-log';
import { field } from '../signup/email-tenant';

const NOTICES = { til: 'twoFactor.noticeOn', fra: 'twoFactor.noticeOff' } as const;

/**
 * "Totrinsbekræftelse" for email logins (a MitID login has its own second factor): turn on
 * with a first code from the app, turn off with a current code. Signed in only.
 */
@Controller('sikkerhed')
export class TwoFactorSettingsController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly events: SecurityEventLog,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Query('besked') besked: unknown): Promise<void> {
    const ctx = emailLoginContext(req);
    const state = await this.twoFactor.state(callerOf(req, ctx));
    const key = typeof besked === 'string' && besked in NOTICES ? NOTICES[besked as keyof typeof NOTICES] : undefined;
    res.render('two-factor/settings', settingsPage(ctx, state === 'on', key && t(ctx.locale, key)));
  }

  /** "Slå totrinsbekræftelse til": a fresh secret, shown on the set-up page. */
  @Post('start')
  async start(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = emailLoginContext(req);
    await this.twoFactor.start(callerOf(req, ctx), ctx.tenant.productName);
    res.redirect(303, '/sikkerhed/opsaet');
  }

  @Get('opsaet')
  async setup(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = emailLoginContext(req);
    const enrolment = await this.twoFactor.pending(callerOf(req, ctx), ctx.tenant.productName);
    if (!enrolment) return res.redirect(303, '/sikkerhed');
    res.render('two-factor/setup', await setupPage(ctx, enrolment));
  }

  @Post('opsaet')
  async confirm(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = emailLoginContext(req);
    const result = await this.twoFactor.confirm(callerOf(req, ctx), field(form, 'code'));
    if (result.ok) {
      this.events.record('mfa.enabled', { tenant: ctx.tenant.slug, ip: req.ip, login: loginOf(req) });
      return res.redirect(303, '/sikkerhed?besked=til');
    }
    const enrolment = await this.twoFactor.pending(callerOf(req, ctx), ctx.tenant.productName);
    if (!enrolment) return res.redirect(303, '/sikkerhed');
    const error = t(ctx.locale, 'twoFactor.wrongCode');
    res.status(422).render('two-factor/setup', await setupPage(ctx, enrolment, error));
  }

  @Post('slaa-fra')
  async disable(@Req() req: Request, @Res() res: Response, @Body() form: unknown): Promise<void> {
    const ctx = emailLoginContext(req);
    const result = await this.twoFactor.disable(callerOf(req, ctx), field(form, 'code'));
    if (result.ok) {
      this.events.record('mfa.disabled', { tenant: ctx.tenant.slug, ip: req.ip, login: loginOf(req) });
      return res.redirect(303, '/sikkerhed?besked=fra');
    }
    const error = t(ctx.locale, 'twoFactor.wrongCode');
    res.status(422).render('two-factor/settings', settingsPage(ctx, true, undefined, error));
  }
}

const loginOf = (req: Request): string => req.session.loginId ?? '';
const callerOf = (req: Request, ctx: PageContext): LoginCaller => ({
  tenantId: ctx.tenant.slug,
  loginId: loginOf(req),
});

function emailLoginContext(req: Request): PageContext {
  const ctx = pageContext(req);
  if (ctx.tenant.login.method !== 'email') throw new NotFoundException();
  return ctx;
}

function settingsPage(ctx: PageContext, on: boolean, notice?: string, error?: string) {
  return portalView(ctx, 'twoFactor.title', { on, ...(notice ? { notice } : {}), ...(error ? { error } : {}) });
}

async function setupPage(ctx: PageContext, enrolment: { secret: string; keyUri: string }, error?: string) {
  const svg = await qrCodeSvg(enrolment.keyUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return portalView(ctx, 'twoFactor.setupTitle', {
    // An <img> of a data URL: the CSP allows images from data:, and no inline markup is needed.
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    // In groups of four, as apps show and people type them.
    secret: enrolment.secret.replace(/(.{4})(?=.)/g, '$1 '),
    ...(error ? { error } : {}),
  });
}
