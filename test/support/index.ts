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
export { startLibTestContext, type LibTestContext } from './lib-context';
