export * from './gateway/payment-gateway';
export { PaymentProviders, PaymentsNotConfiguredError } from './gateway/payment-providers';
export { ConfiguredPaymentProviders, PaymentSecretsConfigError } from './gateway/configured-payment-providers';
export {
  PAYMENT_ENTITIES,
  PaymentEntity,
  PaymentEventEntity,
  PaymentRefundEntity,
  TopUpAgreementEntity,
  type PaymentPurpose,
  type PaymentStatus,
  type PaymentRefundStatus,
  type TopUpAgreementStatus,
} from './entities';
export { PaymentsModule, DepositsModule, type PaymentsModuleOptions } from './payments.module';
export { PaymentRefundsModule } from './payments.module';
export { PaymentsRepository } from './payments.repository';
export type { PaymentPageUrls } from './payment-page-urls';
export { PaymentSettlement, creditKeyOf, isFinalPayment } from './settlement/payment-settlement';
export {
  checkDepositForm,
  type DepositFieldError,
  type DepositForm,
  type DepositRequest,
} from './deposits/deposit-request';
export {
  DepositService,
  IDENTICAL_TRANSACTION_MINUTES,
  type DepositStart,
  type DepositView,
} from './deposits/deposit.service';
export { PaymentWebhooksService, type WebhookOutcome, type WebhookRequest } from './webhooks/payment-webhooks.service';
export * from './providers';
export {
  PaymentReconciliation,
  RECONCILE_AFTER_MS,
  type ReconciliationPass,
} from './reconciliation/payment-reconciliation';
export {
  AutoTopUpService,
  type TopUpStart,
  type TopUpTab,
  type TopUpAgreementView,
  type TopUpAttemptView,
  type RegistrationOutcome,
} from './top-up/auto-top-up.service';
export { TopUpCharger, type TopUpOutcome } from './top-up/top-up-charger';
export { checkTopUpForm, type TopUpFieldError, type TopUpForm } from './top-up/top-up-request';
export {
  PaymentRefunds,
  refundKeyOf,
  refundReversalKeyOf,
  type RefundAttempt,
  type RefundPendingReason,
  type RefundRequestOutcome,
  type RefundView,
} from './refunds/payment-refunds.service';
export { decideRefund, type RefundDecision } from './refunds/refund-decision';
export { parseKroner } from './refunds/refund-amount';
