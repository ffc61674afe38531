export {
  testEnv,
  openAppDataSource,
  openAdminClient,
  uniqueSlug,
  createTestTenant,
  openTestTenantDatabase,
  closeTestTenantDatabase,
  type TestEnv,
  type TestTenantDatabase,
} from './test-env';
export {
  createUnit,
  createTill,
  createCard,
  walletBalance,
  uniqueCardNumber,
  type TestTill,
  type TestCard,
  type TestCardOptions,
} from './pos-factories';
export { parseMail, startSmtpCatcher, type CaughtMail, type SmtpCatcher } from './smtp-catcher';
export { totpCode } from './totp-code';
export { captureLogs, type LogCapture } from './log-capture';
export { sampleValue } from './prometheus-text';
export { startLibTestContext, type LibTestContext } from './lib-context';
export {
  TEST_CPR_CIPHER,
  uniqueCpr,
  uniqueEmail,
  createPerson,
  setCardStatus,
  createEmailLogin,
  type TestPerson,
  type TestPersonOptions,
  type TestLogin,
} from './people';
export {
  startIdentityTestContext,
  signUp,
  GOOD_PASSWORD,
  TEST_PASSWORD_HASHER,
  TEST_TOTP_BOX,
  TEST_EMAIL_OUTBOX,
  TEST_EMAIL_SEALER,
} from './identity-context';
export {
  paymentsLedger,
  payingTenantYaml,
  repoTenantCopy,
  testPaymentEnv,
  withGateway,
  type PaymentsLedger,
  type ProviderMovement,
  type ProviderMovements,
} from './payments';
export { writeTenantsDir, minimalTenantYaml, type TenantFolder } from './tenants-dir';
export { declaredRoutes, type DeclaredRoute } from './route-walker';
export {
  answerOnPhone,
  payOnHostedPage,
  submitHostedPage,
  unescapeHtml,
  WebhookReceiver,
  type FormSubmission,
  type ReceivedWebhook,
  type Responder,
  type TestCardInput,
} from './gateway';
export { startPaymentsTestContext } from './payments-context';
export {
  chargesByStoredCard,
  lowBalanceEvents,
  parentWithAgreement,
  paymentsFor,
  testCheckout,
  topUpPayments,
  TEST_PAGE_URLS,
  type AgreementOptions,
  type LowBalanceEvent,
  type TestCheckout,
  type TopUpParent,
  type TopUpRow,
} from './auto-top-up';
export { paidUnreportedDeposit, type UnreportedDepositOptions } from './deposits';
export { spawnPosProcess, type PosProcess } from './pos-process';
export { eventually } from './eventually';
export { testRedisUrl, testWorkerEnv, testWorkerVariables } from './worker-env';
export {
  fastRecoveryOptions,
  spawnWorkerProcess,
  type ChildWorkerOptions,
  type WorkerProcess,
  type WorkerProcessOptions,
} from './worker-process';
export { namedTill, purchaseTime, replaceCard, type NamedTill, type NamedTillOptions } from './card-trouble';
export {
  completedDeposit,
  gladsaxeCardNumber,
  refundsOfPayment,
  uniqueVisa,
  type CompletedDeposit,
  type CompletedDepositOptions,
  type RefundRow,
} from './refunds';
export {
  accountAlertAmount,
  alertsSent,
  depositCash,
  startBalanceAlertsTestContext,
  type SentAlertRow,
} from './balance-alerts';
export {
  accountAuditEvents,
  storedAccountSettings,
  storedPhoto,
  type StoredAccountSettings,
  type StoredAuditEvent,
} from './account-settings';
export {
  backdatedCashDeposit,
  backdatedCredit,
  clockedTill,
  oreOf,
  parseCsv,
  pdfText,
  type ClockedTill,
  type ParsedCsv,
} from './statements';
