export { testEnv, openAppDataSource, openAdminClient, uniqueSlug, createTestTenant, type TestEnv } from './test-env';
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
