import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import type { MobilePayMerchant } from '../merchant-credentials';
import { CurrentMobilePayMerchant, MobilePayAuthGuard } from './mobilepay-auth.guard';
import { MobilePayExceptionFilter } from './mobilepay-problems';
import { MobilePayWebhooksService } from './mobilepay-webhooks.service';

/** Vipps MobilePay Webhooks API v1: register, list and delete webhooks of a sales unit. */
@Controller('webhooks/v1/webhooks')
@UseGuards(MobilePayAuthGuard)
@UseFilters(MobilePayExceptionFilter)
export class MobilePayWebhooksController {
  constructor(private readonly webhooks: MobilePayWebhooksService) {}

  @Post()
  @HttpCode(201)
  register(@CurrentMobilePayMerchant() merchant: MobilePayMerchant, @Body() body: unknown) {
    return this.webhooks.register(merchant.merchantSerialNumber, body);
  }

  @Get()
  list(@CurrentMobilePayMerchant() merchant: MobilePayMerchant) {
    return this.webhooks.list(merchant.merchantSerialNumber);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentMobilePayMerchant() merchant: MobilePayMerchant, @Param('id') id: string) {
    this.webhooks.remove(merchant.merchantSerialNumber, id);
  }
}
