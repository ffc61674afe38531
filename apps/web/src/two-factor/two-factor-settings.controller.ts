import { Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { TwoFactorService } from '@kk/identity';
import { t } from '@kk/texts';
import { Form, formSchema, SecurityEventLog, textField, type FormValues, type SignedInPageContext } from '../kit';
import { TwoFactorPage } from './two-factor-page.decorator';
import { settingsPage, setupPage } from './two-factor-views';

const NOTICES = { til: 'twoFactor.noticeOn', fra: 'twoFactor.noticeOff' } as const;
const codeForm = formSchema({ code: textField });
type CodeForm = FormValues<typeof codeForm>;

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
  async show(@TwoFactorPage() page: SignedInPageContext, @Res() res: Response, @Query('besked') besked: unknown) {
    const state = await this.twoFactor.state(page.caller);
    const key = typeof besked === 'string' && besked in NOTICES ? NOTICES[besked as keyof typeof NOTICES] : undefined;
    res.render('two-factor/settings', settingsPage(page, state === 'on', key && t(page.locale, key)));
  }

  /** "Slå totrinsbekræftelse til": a fresh secret, shown on the set-up page. */
  @Post('start')
  async start(@TwoFactorPage() page: SignedInPageContext, @Res() res: Response): Promise<void> {
    await this.twoFactor.start(page.caller, page.tenant.productName);
    res.redirect(303, '/sikkerhed/opsaet');
  }

  @Get('opsaet')
  async setup(@TwoFactorPage() page: SignedInPageContext, @Res() res: Response): Promise<void> {
    const enrolment = await this.twoFactor.pending(page.caller, page.tenant.productName);
    if (!enrolment) return res.redirect(303, '/sikkerhed');
    res.render('two-factor/setup', await setupPage(page, enrolment));
  }

  @Post('opsaet')
  async confirm(@TwoFactorPage() page: SignedInPageContext, @Form(codeForm) form: CodeForm, @Res() res: Response) {
    const result = await this.twoFactor.confirm(page.caller, form.code);
    if (result.ok) {
      this.events.record('mfa.enabled', page.audit);
      return res.redirect(303, '/sikkerhed?besked=til');
    }
    const enrolment = await this.twoFactor.pending(page.caller, page.tenant.productName);
    if (!enrolment) return res.redirect(303, '/sikkerhed');
    res.status(422).render('two-factor/setup', await setupPage(page, enrolment, t(page.locale, 'twoFactor.wrongCode')));
  }

  @Post('slaa-fra')
  async disable(@TwoFactorPage() page: SignedInPageContext, @Form(codeForm) form: CodeForm, @Res() res: Response) {
    const result = await this.twoFactor.disable(page.caller, form.code);
    if (result.ok) {
      this.events.record('mfa.disabled', page.audit);
      return res.redirect(303, '/sikkerhed?besked=fra');
    }
    res
      .status(422)
      .render('two-factor/settings', settingsPage(page, true, undefined, t(page.locale, 'twoFactor.wrongCode')));
  }
}
