import type { ResolvedGatewaySimOptions } from './gateway-sim-options';
import { AccessTokens } from './mobilepay/access-tokens';
import { EPaymentService } from './mobilepay/epayment.service';
import { MobilePayMerchants } from './mobilepay/mobilepay-merchants';
import { MobilePayWebhooksService } from './mobilepay/mobilepay-webhooks.service';
import { NexiAnswerDelay } from './nexi/answer-delay';
import { NexiMerchants } from './nexi/nexi-auth.guard';
import { NexiCharging } from './nexi/nexi-charging';
import { NexiCheckoutService } from './nexi/nexi-checkout.service';
import { NexiPaymentsService } from './nexi/nexi-payments.service';
import { NexiState } from './nexi/nexi-state';
import { NexiUnscheduledService } from './nexi/nexi-unscheduled.service';
import { NexiWebhookEvents } from './nexi/nexi-webhook-events';
import { PublicUrl } from './public-url';
import { GatewaySimControls } from './test-controls/gateway-sim-controls';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';

/** The sim's plain-TypeScript parts, wired once: the Nest module only hands them to controllers. */
export class GatewaySimCore {
  readonly publicUrl = new PublicUrl();
  readonly dispatcher: WebhookDispatcher;
  readonly nexiMerchants: NexiMerchants;
  readonly nexiPayments: NexiPaymentsService;
  readonly nexiCheckout: NexiCheckoutService;
  readonly nexiUnscheduled: NexiUnscheduledService;
  readonly nexiAnswerDelay = new NexiAnswerDelay();
  readonly mobilePayMerchants: MobilePayMerchants;
  readonly accessTokens: AccessTokens;
  readonly mobilePayWebhooks: MobilePayWebhooksService;
  readonly epayments: EPaymentService;
  readonly controls: GatewaySimControls;

  constructor(options: ResolvedGatewaySimOptions) {
    const { clock } = options;
    this.dispatcher = new WebhookDispatcher({
      retryScheduleMs: options.webhookRetryScheduleMs,
      timeoutMs: options.webhookTimeoutMs,
      clock,
    });

    const nexiState = new NexiState();
    const nexiEvents = new NexiWebhookEvents(this.dispatcher, clock);
    const charging = new NexiCharging(clock, nexiEvents);
    this.nexiMerchants = new NexiMerchants(options.nexiMerchants);
    this.nexiPayments = new NexiPaymentsService(nexiState, charging, nexiEvents, clock, this.publicUrl);
    this.nexiCheckout = new NexiCheckoutService(
      nexiState,
      charging,
      nexiEvents,
      clock,
      options.identicalTransactionWindowMs,
    );
    this.nexiUnscheduled = new NexiUnscheduledService(nexiState, charging, nexiEvents, clock);

    this.mobilePayMerchants = new MobilePayMerchants(options.mobilePayMerchants);
    this.accessTokens = new AccessTokens(this.mobilePayMerchants, clock);
    this.mobilePayWebhooks = new MobilePayWebhooksService(this.dispatcher);
    this.epayments = new EPaymentService(this.mobilePayWebhooks, clock, this.publicUrl);

    this.controls = new GatewaySimControls(
      nexiState,
      this.nexiUnscheduled,
      this.nexiAnswerDelay,
      this.epayments,
      this.mobilePayWebhooks,
      this.dispatcher,
    );
  }
}
