import { Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AutoTopUpService, type TopUpStart } from '@kk/payments';
import { t } from '@kk/texts';
import { Form, formSchema, SignedInPage, textField, type FormValues, type SignedInPageContext } from '../kit';
import { PaymentLinks } from './payment-links';
import { rememberProviderPage } from './provider-page-session';
import { topUpErrors, topUpNotice, topUpPage, type TopUpFormValues } from './top-up-views';

const topUpForm = formSchema({ amount: textField, terms: textField });

const OUTCOME_NOTICE = { activated: 'oprettet', pending: 'afventer', notStored: 'ikke-gemt' } as const;

/**
 * "Automatisk Optankning" (both seeds): an amount in whole kroner, the terms, "Næste" → the
 * card stored on Nexi's page → back to the tab, which says whether it was stored. The red
 * "Annuller Automatisk optankning" ends the agreement; a new card replaces the old one.
 */
@Controller('konti/:accountId/optankning')
export class TopUpController {
  constructor(
    private readonly topUps: AutoTopUpService,
    private readonly links: PaymentLinks,
  ) {}

  @Get()
  async show(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Query('besked') besked: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const tab = await this.topUps.tab(page.caller, accountId);
    if (!tab) throw new NotFoundException();
    res.render('deposits/top-up', topUpPage(page, { accountId, tab, notice: topUpNotice(page.locale, besked) }));
  }

  @Post()
  async start(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Form(topUpForm) form: FormValues<typeof topUpForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const values: TopUpFormValues = { amount: form.amount, termsAccepted: form.terms !== '' };
    const urls = this.links.forTopUp(req, page, accountId);
    const started = await this.topUps.start(page.caller, page.tenant, accountId, values, urls);
    if (started.kind === 'redirect') return this.toProvider(req, res, started);
    if (started.kind === 'noSuchAccount') throw new NotFoundException();
    await this.refuse(page, accountId, values, started, res);
  }

  /** The card registration's return and cancel URL: whether the card was stored, on the tab. */
  @Get('kort/:paymentId')
  async registered(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Param('paymentId') paymentId: string,
    @Query('afbrudt') cancelled: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const left = cancelled === undefined ? undefined : { tenant: page.tenant };
    const outcome = await this.topUps.registrationOutcome(page.caller, paymentId, left);
    if (!outcome) throw new NotFoundException();
    res.redirect(303, `/konti/${accountId}/optankning?besked=${OUTCOME_NOTICE[outcome]}`);
  }

  @Post('annuller')
  async cancel(@SignedInPage() page: SignedInPageContext, @Param('accountId') accountId: string, @Res() res: Response) {
    if (!(await this.topUps.cancel(page.caller, accountId)) && !(await this.topUps.tab(page.caller, accountId))) {
      throw new NotFoundException();
    }
    res.redirect(303, `/konti/${accountId}/optankning?besked=annulleret`);
  }

  private toProvider(req: Request, res: Response, started: Extract<TopUpStart, { kind: 'redirect' }>): void {
    rememberProviderPage(req, started.paymentId, started.url);
    res.redirect(303, `/indbetalinger/${started.paymentId}/betaling`);
  }

  private async refuse(
    page: SignedInPageContext,
    accountId: string,
    values: TopUpFormValues,
    started: Exclude<TopUpStart, { kind: 'redirect' | 'noSuchAccount' }>,
    res: Response,
  ): Promise<void> {
    const tab = (await this.topUps.tab(page.caller, accountId)) ?? { agreement: null, attempts: [] };
    const input = { accountId, tab, values };
    if (started.kind === 'invalid') {
      return res
        .status(422)
        .render('deposits/top-up', topUpPage(page, { ...input, errors: topUpErrors(started.errors, page.locale) }));
    }
    const problem =
      started.kind === 'notOffered'
        ? t(page.locale, 'topUp.error.notOffered', { support: page.tenant.support.text })
        : t(page.locale, 'deposit.error.providerUnavailable');
    res
      .status(started.kind === 'notOffered' ? 422 : 503)
      .render('deposits/top-up', topUpPage(page, { ...input, problem }));
  }
}
