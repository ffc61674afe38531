import { Controller, Get, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { BalanceAlertSettingsService, type AlertFieldError } from '@kk/balance-alerts';
import { Form, formSchema, SignedInPage, textField, type FormValues, type SignedInPageContext } from '../kit';
import { alertErrors, alertNotice, alertSettingsPage, type AlertFormValues } from './balance-alert-views';

const alertForm = formSchema({ amount: textField, email: textField });

/**
 * "Besked ved lav saldo" (beyond cPOS): this login's e-mail when a purchase takes the account's
 * balance under an amount in whole kroner, and "Slå beskeden fra". An account the login may not
 * see, a guessed id or no uuid at all answers 404, and nothing is saved.
 */
@Controller('konti/:accountId/saldo-besked')
export class BalanceAlertsController {
  constructor(private readonly alerts: BalanceAlertSettingsService) {}

  @Get()
  async show(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Query('besked') besked: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const view = await this.alerts.view(page.caller, accountId);
    if (!view) throw new NotFoundException();
    res.render(
      'balance-alerts/settings',
      alertSettingsPage(page, { accountId, view, notice: alertNotice(page.locale, besked) }),
    );
  }

  @Post()
  async save(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Form(alertForm) form: FormValues<typeof alertForm>,
    @Res() res: Response,
  ): Promise<void> {
    const saved = await this.alerts.save(page.caller, accountId, form, page.locale);
    if (saved.kind === 'noSuchAccount') throw new NotFoundException();
    if (saved.kind === 'saved') return res.redirect(303, `/konti/${accountId}/saldo-besked?besked=gemt`);
    await this.refuse(page, accountId, form, saved.errors, res);
  }

  @Post('fra')
  async turnOff(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Res() res: Response,
  ) {
    if (!(await this.alerts.turnOff(page.caller, accountId))) throw new NotFoundException();
    res.redirect(303, `/konti/${accountId}/saldo-besked?besked=slaaet-fra`);
  }

  /** The form again, as typed, each mistake beside its field. */
  private async refuse(
    page: SignedInPageContext,
    accountId: string,
    values: AlertFormValues,
    errors: readonly AlertFieldError[],
    res: Response,
  ): Promise<void> {
    const view = await this.alerts.view(page.caller, accountId);
    if (!view) throw new NotFoundException();
    const shown = { accountId, view, values, errors: alertErrors(errors, page.locale) };
    res.status(422).render('balance-alerts/settings', alertSettingsPage(page, shown));
  }
}
