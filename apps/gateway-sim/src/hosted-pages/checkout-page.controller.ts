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
    if (!form.ok) {
      return sendHtml(
        res,
        400,
        renderCheckoutForm({ ...this.formModel(page.payment), values: form.values, errors: form.errors }),
      );
    }
    const outcome = this.checkout.pay(form.paymentId, form.entry);
    if (outcome.kind === 'completed') return res.redirect(303, outcome.redirectUrl);
    if (outcome.kind === 'closed') return sendClosedPage(res, outcome.page);
    const explanation = outcome.text === IDENTICAL_TRANSACTION_TEXT ? IDENTICAL_EXPLANATION : undefined;
    const refusal = { text: outcome.text, ...(explanation === undefined ? {} : { explanation }) };
    sendHtml(res, 402, renderCheckoutForm({ ...this.formModel(page.payment), values: form.values, refusal }));
  }

  private formModel(payment: CheckoutFormModel['payment']): CheckoutFormModel {
    const cancelUrl = this.checkout.cancelUrl(payment);
    return { payment, ...(cancelUrl === undefined ? {} : { cancelUrl }) };
  }
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
