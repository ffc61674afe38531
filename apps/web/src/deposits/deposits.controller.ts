import { isUuid } from '@kk/database';
import { Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MyAccountsService } from '@kk/identity';
import { DepositService, type DepositStart } from '@kk/payments';
import { t } from '@kk/texts';
import { Form, formSchema, SignedInPage, textField, type FormValues, type SignedInPageContext } from '../kit';
import {
  continuePage,
  depositErrors,
  depositPage,
  repeatPage,
  statusPage,
  type DepositFormValues,
} from './deposit-views';
import { PaymentLinks } from './payment-links';
import { rememberProviderPage, takeProviderPage } from './provider-page-session';

const depositForm = formSchema({
  method: textField,
  amount: textField,
  receiptEmail: textField,
  terms: textField,
  confirmRepeat: textField,
});

/**
 * "Indbetal" (both seeds): choose the account, the receipt email, an amount in whole kroner,
 * the terms, "Næste" → the provider's page → back to a status page that asks the provider.
 * Only accounts this login may see; another's id answers as if it did not exist.
 */
@Controller()
export class DepositsController {
  constructor(
    private readonly deposits: DepositService,
    private readonly myAccounts: MyAccountsService,
    private readonly links: PaymentLinks,
  ) {}

  /** The account switcher, which works without script: a GET form naming the account. */
  @Get('konti/indbetal')
  switchAccount(@Query('konto') konto: unknown, @Res() res: Response): void {
    if (typeof konto !== 'string' || !isUuid(konto)) throw new NotFoundException();
    res.redirect(303, `/konti/${konto}/indbetal`);
  }

  @Get('konti/:accountId/indbetal')
  async show(@SignedInPage() page: SignedInPageContext, @Param('accountId') accountId: string, @Res() res: Response) {
    if (!(await this.myAccounts.canAccessAccount(page.caller, accountId))) throw new NotFoundException();
    res.render('deposits/deposit', depositPage(page, await this.pageInput(page, accountId)));
  }

  @Post('konti/:accountId/indbetal')
  async start(
    @SignedInPage() page: SignedInPageContext,
    @Param('accountId') accountId: string,
    @Form(depositForm) form: FormValues<typeof depositForm>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const values: DepositFormValues = { ...form, termsAccepted: form.terms !== '' };
    const input = { ...values, confirmRepeat: form.confirmRepeat === 'ja' };
    const started = await this.deposits.start(page.caller, page.tenant, accountId, input, this.links.of(req, page));
    if (started.kind === 'redirect') return this.toProvider(req, res, started);
    if (started.kind === 'noSuchAccount') throw new NotFoundException();
    if (started.kind === 'confirmRepeat') {
      return res.status(409).render('deposits/repeat', repeatPage(page, accountId, started.request, true));
    }
    const shown = { ...(await this.pageInput(page, accountId)), values, ...this.refusal(page, started) };
    res.status(started.kind === 'providerUnavailable' ? 503 : 422).render('deposits/deposit', depositPage(page, shown));
  }

  /** Where "Næste" leads: on to the provider's page, once (see provider-page-session.ts). */
  @Get('indbetalinger/:paymentId/betaling')
  continueToProvider(
    @SignedInPage() page: SignedInPageContext,
    @Param('paymentId') paymentId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    const url = takeProviderPage(req, paymentId);
    if (!url) return res.redirect(303, `/indbetalinger/${encodeURIComponent(paymentId)}`);
    res.render('deposits/continue', continuePage(page, url));
  }

  /** The provider's returnUrl (Nexi adds ?paymentid=…) and, with ?afbrudt, its cancelUrl. */
  @Get('indbetalinger/:paymentId')
  async status(
    @SignedInPage() page: SignedInPageContext,
    @Param('paymentId') paymentId: string,
    @Query('afbrudt') cancelled: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const left = cancelled !== undefined;
    const deposit = left
      ? await this.deposits.abandon(page.caller, page.tenant, paymentId)
      : await this.deposits.status(page.caller, paymentId);
    if (!deposit) throw new NotFoundException();
    res.render('deposits/status', statusPage(page, deposit, left));
  }

  private toProvider(req: Request, res: Response, started: Extract<DepositStart, { kind: 'redirect' }>): void {
    rememberProviderPage(req, started.paymentId, started.url);
    res.redirect(303, `/indbetalinger/${started.paymentId}/betaling`);
  }

  private async pageInput(page: SignedInPageContext, accountId: string) {
    const [people, recent] = await Promise.all([
      this.myAccounts.list(page.caller),
      this.deposits.recent(page.caller, accountId),
    ]);
    return { accountId, people, recent };
  }

  private refusal(
    page: SignedInPageContext,
    started: Exclude<DepositStart, { kind: 'redirect' | 'noSuchAccount' | 'confirmRepeat' }>,
  ) {
    switch (started.kind) {
      case 'invalid':
        return { errors: depositErrors(started.errors, page.locale) };
      case 'accountBlocked':
        return { problem: t(page.locale, 'deposit.error.accountBlocked') };
      case 'providerUnavailable':
        return { problem: t(page.locale, 'deposit.error.providerUnavailable') };
      case 'notOffered':
        return { problem: t(page.locale, 'deposit.error.notOffered', { support: page.tenant.support.text }) };
    }
  }
}
