import { Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { LoginsRepository } from '@kk/identity';
import { EmailOutbox } from '@kk/notifications';
import { DepositService } from './deposits/deposit.service';
import { PaymentProviders } from './gateway/payment-providers';
import { PaymentsRepository } from './payments.repository';
import { PaymentReconciliation } from './reconciliation/payment-reconciliation';
import { PaymentRefundsRepository } from './refunds/payment-refunds.repository';
import { PaymentRefunds } from './refunds/payment-refunds.service';
import { PaymentSettlement } from './settlement/payment-settlement';
import { SettlementEffects } from './settlement/settlement-effects';
import { AutoTopUpService } from './top-up/auto-top-up.service';
import { TopUpAgreementsRepository } from './top-up/top-up-agreements.repository';
import { TopUpCharger } from './top-up/top-up-charger';
import { PaymentEventsRepository } from './webhooks/payment-events.repository';
import { PaymentWebhooksService } from './webhooks/payment-webhooks.service';

export interface PaymentsModuleOptions {
  /** Usually ConfiguredPaymentProviders over the loaded tenants and the environment. */
  readonly providers: PaymentProviders;
  /** Receipts and failure notices, sealed into the outbox in the settlement's transaction. */
  readonly emailOutbox: EmailOutbox;
}

/**
 * Money in: settlement, webhooks and (the worker) reconciliation. Needs TenantDatabaseModule,
 * CardholdersModule and TenancyModule (all global). Global itself.
 */
const PAYMENTS_OPTIONS = Symbol('PAYMENTS_OPTIONS');

@Module({})
export class PaymentsModule {
  static forRoot(options: PaymentsModuleOptions): DynamicModule {
    return PaymentsModule.forRootAsync({ useFactory: () => options });
  }

  /** The options made by Nest from other providers (the app's session secret seals the receipts). */
  static forRootAsync(options: {
    readonly inject?: InjectionToken[];
    readonly useFactory: (...injected: never[]) => PaymentsModuleOptions;
  }): DynamicModule {
    return {
      module: PaymentsModule,
      global: true,
      providers: [
        { provide: PAYMENTS_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: PaymentProviders,
          inject: [PAYMENTS_OPTIONS],
          useFactory: (o: PaymentsModuleOptions) => o.providers,
        },
        { provide: EmailOutbox, inject: [PAYMENTS_OPTIONS], useFactory: (o: PaymentsModuleOptions) => o.emailOutbox },
        PaymentsRepository,
        PaymentEventsRepository,
        TopUpAgreementsRepository,
        LoginsRepository,
        SettlementEffects,
        PaymentSettlement,
        PaymentWebhooksService,
        PaymentReconciliation,
        TopUpCharger,
        PaymentRefundsRepository,
        PaymentRefunds,
      ],
      exports: [
        PaymentProviders,
        PaymentSettlement,
        PaymentWebhooksService,
        PaymentReconciliation,
        PaymentsRepository,
        TopUpAgreementsRepository,
        TopUpCharger,
        PaymentRefunds,
      ],
    };
  }
}

/** "Indbetal" and "Automatisk Optankning" for the portal; needs PaymentsModule and IdentityModule (who may see an account). */
@Module({ providers: [DepositService, AutoTopUpService], exports: [DepositService, AutoTopUpService] })
export class DepositsModule {}

/**
 * Refunds alone, for a process that needs nothing else of payments (the operator's CLI): the
 * providers given, the repositories and PaymentRefunds. Needs TenantDatabaseModule and
 * TenancyModule (global). PaymentsModule provides PaymentRefunds too (the reconciliation resumes refunds).
 */
@Module({})
export class PaymentRefundsModule {
  static forRoot(options: { readonly providers: PaymentProviders }): DynamicModule {
    return {
      module: PaymentRefundsModule,
      providers: [
        { provide: PaymentProviders, useValue: options.providers },
        PaymentsRepository,
        PaymentRefundsRepository,
        PaymentRefunds,
      ],
      exports: [PaymentRefunds],
    };
  }
}
