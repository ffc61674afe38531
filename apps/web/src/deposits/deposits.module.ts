import { Module } from '@nestjs/common';
import { DepositsModule as DepositServices } from '@kk/payments';
import { DepositsController } from './deposits.controller';
import { PaymentLinks } from './payment-links';
import { PaymentWebhooksController } from './payment-webhooks.controller';
import { TermsController } from './terms.controller';
import { TopUpController } from './top-up.controller';

/** "Indbetal" and "Automatisk Optankning", their return pages, the terms and the providers' webhooks. */
@Module({
  imports: [DepositServices],
  controllers: [DepositsController, TopUpController, TermsController, PaymentWebhooksController],
  providers: [PaymentLinks],
})
export class DepositsModule {}
