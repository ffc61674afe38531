import { Body, Controller, Get, HttpCode, Param, Post, Put, UseFilters, UseGuards } from '@nestjs/common';
import type { NexiMerchant } from '../merchant-credentials';
import { CurrentNexiMerchant, NexiAuthGuard } from './nexi-auth.guard';
import { NexiExceptionFilter } from './nexi-errors';
import { NexiPaymentsService } from './nexi-payments.service';
import { parseAmountRequest, parseCreatePayment } from './nexi-request-parsing';

/** Nexi Checkout Payment API v1: payments, charges, refunds, cancels. */
@Controller('v1')
@UseGuards(NexiAuthGuard)
@UseFilters(NexiExceptionFilter)
export class NexiPaymentsController {
  constructor(private readonly payments: NexiPaymentsService) {}

  @Post('payments')
  @HttpCode(201)
  create(@CurrentNexiMerchant() merchant: NexiMerchant, @Body() body: unknown) {
    return this.payments.create(merchant, parseCreatePayment(body));
  }

  @Get('payments/:paymentId')
  retrieve(@CurrentNexiMerchant() merchant: NexiMerchant, @Param('paymentId') paymentId: string) {
    return this.payments.retrieve(merchant, paymentId);
  }

  @Post('payments/:paymentId/charges')
  @HttpCode(201)
  charge(@CurrentNexiMerchant() merchant: NexiMerchant, @Param('paymentId') paymentId: string, @Body() body: unknown) {
    return this.payments.charge(merchant, paymentId, parseAmountRequest(body));
  }

  @Post('charges/:chargeId/refunds')
  @HttpCode(201)
  refund(@CurrentNexiMerchant() merchant: NexiMerchant, @Param('chargeId') chargeId: string, @Body() body: unknown) {
    return this.payments.refund(merchant, chargeId, parseAmountRequest(body));
  }

  @Post('payments/:paymentId/cancels')
  @HttpCode(204)
  cancel(@CurrentNexiMerchant() merchant: NexiMerchant, @Param('paymentId') paymentId: string, @Body() body: unknown) {
    this.payments.cancel(merchant, paymentId, parseAmountRequest(body));
  }

  @Put('payments/:paymentId/terminate')
  @HttpCode(204)
  terminate(@CurrentNexiMerchant() merchant: NexiMerchant, @Param('paymentId') paymentId: string) {
    this.payments.terminate(merchant, paymentId);
  }
}
