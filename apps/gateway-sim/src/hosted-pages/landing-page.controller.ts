import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DEMO_MOBILEPAY_PHONE_NUMBER } from '../demo-credentials';
import { EPaymentService, type LandingPage } from '../mobilepay/epayment.service';
import { renderLandingPage } from './landing-page.view';
import { renderMessagePage } from './page-layout';

const STATE_TEXTS: Record<string, string> = {
  AUTHORIZED: 'Betalingen er godkendt.',
  ABORTED: 'Betalingen er afvist.',
  EXPIRED: 'Betalingen er udløbet, fordi den ikke blev godkendt i tide.',
  TERMINATED: 'Forretningen har annulleret betalingen.',
};

/** The redirectUrl of a MobilePay payment: the user approves ("Godkend") or rejects ("Afvis"). */
@Controller('mobilepay/landing')
export class LandingPageController {
  constructor(private readonly payments: EPaymentService) {}

  @Get()
  show(@Query('token') token: unknown, @Res() res: Response): void {
    const page = this.payments.landing(typeof token === 'string' ? token : '');
    if (page.kind !== 'open') return sendClosed(res, page);
    const phone = page.payment.phoneNumber ?? DEMO_MOBILEPAY_PHONE_NUMBER;
    res.status(200).type('html').send(renderLandingPage(page.payment, phone));
  }

  @Post()
  decide(@Body() body: unknown, @Res() res: Response): void {
    const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const page = this.payments.landing(typeof form.token === 'string' ? form.token : '');
    if (page.kind !== 'open') return sendClosed(res, page);
    if (form.decision !== 'approve' && form.decision !== 'reject') return sendUnknownChoice(res);
    this.payments.decide(page.payment, form.decision === 'approve');
    res.redirect(303, page.payment.returnUrl);
  }
}

function sendUnknownChoice(res: Response): void {
  res
    .status(400)
    .type('html')
    .send(renderMessagePage('mobilepay', 'Ukendt valg', 'Vælg Godkend eller Afvis.'));
}

function sendClosed(res: Response, page: Exclude<LandingPage, { kind: 'open' }>): void {
  if (page.kind === 'unknown') {
    res
      .status(404)
      .type('html')
      .send(renderMessagePage('mobilepay', 'Betalingen findes ikke', 'Linket er ikke gyldigt.'));
    return;
  }
  const text = STATE_TEXTS[page.payment.state] ?? 'Betalingen er afsluttet.';
  const back = { href: page.payment.returnUrl, text: 'Tilbage til butikken' };
  res
    .status(200)
    .type('html')
    .send(renderMessagePage('mobilepay', 'Betalingen er afsluttet', text, back));
}
