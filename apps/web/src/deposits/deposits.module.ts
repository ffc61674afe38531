import { Module } from '@nestjs/common';
import { DepositsModule as DepositServices } from '@kk/payments';
import { DepositsController } from './deposits.controller';
import { PaymentLinks } from './payment-links';
import { PaymentWebhooksController } from './payment-webhooks.controller';
import { TermsController } from './terms.controller';

/** "Indbetal", its status page, the terms and the providers' webhooks. */
@Module({
  imports: [DepositServices],
  controllers: [DepositsController, TermsController, PaymentWebhooksController],
  providers: [PaymentLinks],
})
export class DepositsModule {}
