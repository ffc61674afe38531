import { Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokens } from './access-tokens';
import { authenticateClient } from './mobilepay-auth.guard';
import { MobilePayMerchants } from './mobilepay-merchants';
import { MobilePayExceptionFilter } from './mobilepay-problems';

/** Vipps MobilePay's Access Token API: API keys in headers, a Bearer JWT back. */
@Controller('accesstoken')
@UseFilters(MobilePayExceptionFilter)
export class AccessTokenController {
  constructor(
    private readonly merchants: MobilePayMerchants,
    private readonly tokens: AccessTokens,
  ) {}

  @Post('get')
  @HttpCode(200)
  get(@Req() request: Request) {
    return this.tokens.issue(authenticateClient(this.merchants, request));
  }
}
