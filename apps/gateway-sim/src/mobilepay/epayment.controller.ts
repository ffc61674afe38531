import { Body, Controller, Get, Headers, HttpCode, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import type { MobilePayMerchant } from '../merchant-credentials';
import { EPaymentService } from './epayment.service';
import { parseCreateEPayment, parseIdempotencyKey, parseModificationAmount } from './epayment-request-parsing';
import { CurrentMobilePayMerchant, MobilePayAuthGuard } from './mobilepay-auth.guard';
import { MobilePayExceptionFilter } from './mobilepay-problems';

/** Vipps MobilePay ePayment API v1. */
@Controller('epayment/v1')
@UseGuards(MobilePayAuthGuard)
@UseFilters(MobilePayExceptionFilter)
export class EPaymentController {
  constructor(private readonly payments: EPaymentService) {}

  @Post('payments')
  @HttpCode(201)
  create(
    @CurrentMobilePayMerchant() merchant: MobilePayMerchant,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: unknown,
  ) {
    return this.payments.create(merchant, parseIdempotencyKey(key), parseCreateEPayment(body));
  }

  @Get('payments/:reference')
  retrieve(@CurrentMobilePayMerchant() merchant: MobilePayMerchant, @Param('reference') reference: string) {
    return this.payments.retrieve(merchant, reference);
  }

  @Get('payments/:reference/events')
  events(@CurrentMobilePayMerchant() merchant: MobilePayMerchant, @Param('reference') reference: string) {
    return this.payments.events(merchant, reference);
  }

  @Post('payments/:reference/capture')
  @HttpCode(200)
  capture(
    @CurrentMobilePayMerchant() merchant: MobilePayMerchant,
    @Param('reference') reference: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: unknown,
  ) {
    return this.payments.capture(merchant, reference, parseIdempotencyKey(key), parseModificationAmount(body));
  }

  @Post('payments/:reference/refund')
  @HttpCode(200)
  refund(
    @CurrentMobilePayMerchant() merchant: MobilePayMerchant,
    @Param('reference') reference: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: unknown,
  ) {
    return this.payments.refund(merchant, reference, parseIdempotencyKey(key), parseModificationAmount(body));
  }

  @Post('payments/:reference/cancel')
  @HttpCode(200)
  cancel(
    @CurrentMobilePayMerchant() merchant: MobilePayMerchant,
    @Param('reference') reference: string,
    @Headers('idempotency-key') key: string | undefined,
  ) {
    return this.payments.cancel(merchant, reference, parseIdempotencyKey(key));
  }

  /** The test environment's "force approve", which real apitest.vipps.no offers too. */
  @Post('test/payments/:reference/approve')
  @HttpCode(200)
  forceApprove(@CurrentMobilePayMerchant() merchant: MobilePayMerchant, @Param('reference') reference: string) {
    this.payments.forceApprove(merchant, reference);
  }
}
