import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  IDENTICAL_TRANSACTION_TEXT,
  NexiCheckoutService,
  type ClosedCheckoutPage,
} from '../nexi/nexi-checkout.service';
import { parseCardForm } from './card-form';
import { renderCheckoutForm, type CheckoutFormModel } from './checkout-page.view';
import { renderMessagePage } from './page-layout';

const IDENTICAL_EXPLANATION =
  'Det samme kort er for nylig brugt til det samme beløb. Brug et andet kort, eller vent lidt og prøv igen.';

/** Nexi's hosted payment page, where the customer types the card (the browser side of a checkout). */
@Controller('hostedpaymentpage')
export class CheckoutPageController {
  constructor(private readonly checkout: NexiCheckoutService) {}

  @Get()
  show(@Query('pid') paymentId: unknown, @Res() res: Response): void {
    const page = this.checkout.page(typeof paymentId === 'string' ? paymentId : '');
    if (page.kind === 'open') sendHtml(res, 200, renderCheckoutForm(this.formModel(page.payment)));
    else sendClosedPage(res, page);
  }

  @Post('pay')
  pay(@Body() body: unknown, @Res() res: Response): void {
    const form = parseCardForm(body);
    const page = this.checkout.page(form.paymentId);
    if (page.kind !== 'open') return sendClosedPage(res, page);
    const model = this.formModel(page.payment);
    if (!form.ok) return sendHtml(res, 400, renderCheckoutForm({ ...model, values: form.values, errors: form.errors }));
    const outcome = this.checkout.pay(form.paymentId, form.entry);
    if (outcome.kind === 'completed') return res.redirect(303, outcome.redirectUrl);
    if (outcome.kind === 'closed') return sendClosedPage(res, outcome.page);
    sendHtml(res, 402, renderCheckoutForm({ ...model, values: form.values, refusal: refusalOf(outcome.text) }));
  }

  private formModel(payment: CheckoutFormModel['payment']): CheckoutFormModel {
    const cancelUrl = this.checkout.cancelUrl(payment);
    return { payment, ...(cancelUrl === undefined ? {} : { cancelUrl }) };
  }
}

/** A card's refusal, with the advice "Identisk Transaktion" needs. */
function refusalOf(text: string): { text: string; explanation?: string } {
  return text === IDENTICAL_TRANSACTION_TEXT ? { text, explanation: IDENTICAL_EXPLANATION } : { text };
}

function sendClosedPage(res: Response, page: ClosedCheckoutPage): void {
  if (page.kind === 'completed') {
    const back = { href: page.returnUrl, text: 'Tilbage til butikken' };
    return sendHtml(
      res,
      200,
      renderMessagePage('nexi', 'Betalingen er gennemført', 'Betalingen er allerede gennemført.', back),
    );
  }
  if (page.kind === 'terminated') {
    return sendHtml(
      res,
      410,
      renderMessagePage('nexi', 'Betalingen er afbrudt', 'Forhandleren har afbrudt betalingen.'),
    );
  }
  sendHtml(res, 404, renderMessagePage('nexi', 'Betalingen findes ikke', 'Linket til betalingen er ikke gyldigt.'));
}

function sendHtml(res: Response, status: number, html: string): void {
  res.status(status).type('html').send(html);
}
