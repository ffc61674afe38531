import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import type { GatewaySimCore } from './gateway-sim-core';
import { CheckoutPageController } from './hosted-pages/checkout-page.controller';
import { LandingPageController } from './hosted-pages/landing-page.controller';
import { AccessTokenController } from './mobilepay/access-tokens.controller';
import { AccessTokens } from './mobilepay/access-tokens';
import { EPaymentController } from './mobilepay/epayment.controller';
import { EPaymentService } from './mobilepay/epayment.service';
import { MobilePayMerchants } from './mobilepay/mobilepay-merchants';
import { MobilePayWebhooksController } from './mobilepay/mobilepay-webhooks.controller';
import { MobilePayWebhooksService } from './mobilepay/mobilepay-webhooks.service';
import { NexiAnswerDelay } from './nexi/answer-delay';
import { NexiMerchants } from './nexi/nexi-auth.guard';
import { NexiCheckoutService } from './nexi/nexi-checkout.service';
import { NexiPaymentsController } from './nexi/nexi-payments.controller';
import { NexiPaymentsService } from './nexi/nexi-payments.service';
import { NexiUnscheduledController } from './nexi/nexi-unscheduled.controller';
import { NexiUnscheduledService } from './nexi/nexi-unscheduled.service';
import { GatewaySimControls } from './test-controls/gateway-sim-controls';
import { TestControlsController } from './test-controls/test-controls.controller';

@Module({})
export class GatewaySimModule {
  /** The provider routes, the hosted pages, and (unless turned off) the /_sim test controls. */
  static forRoot(core: GatewaySimCore, options: { readonly testControls: boolean }): DynamicModule {
    const controllers: Type[] = [
      NexiPaymentsController,
      NexiUnscheduledController,
      CheckoutPageController,
      AccessTokenController,
      EPaymentController,
      MobilePayWebhooksController,
      LandingPageController,
    ];
    if (options.testControls) controllers.push(TestControlsController);
    const providers: Provider[] = [
      { provide: NexiMerchants, useValue: core.nexiMerchants },
      { provide: NexiPaymentsService, useValue: core.nexiPayments },
      { provide: NexiCheckoutService, useValue: core.nexiCheckout },
      { provide: NexiUnscheduledService, useValue: core.nexiUnscheduled },
      { provide: NexiAnswerDelay, useValue: core.nexiAnswerDelay },
      { provide: MobilePayMerchants, useValue: core.mobilePayMerchants },
      { provide: AccessTokens, useValue: core.accessTokens },
      { provide: MobilePayWebhooksService, useValue: core.mobilePayWebhooks },
      { provide: EPaymentService, useValue: core.epayments },
      { provide: GatewaySimControls, useValue: core.controls },
    ];
    return { module: GatewaySimModule, controllers, providers };
  }
}
