export { EmailSender, composeEmail, type OutgoingEmail, type SenderTenant } from './email-sender';
export { EmailOutbox, EMAIL_TOPIC } from './email-outbox';
export { EmailSealer, EmailSealError, EMAIL_SEAL_KEY_INFO, type SealBinding } from './email-sealer';
export {
  EMAIL_KINDS,
  renderEmail,
  type EmailData,
  type EmailKind,
  type EmailTenant,
  type RenderedEmail,
  type TopUpFailureReason,
} from './email-templates';
export {
  MailDeliveryError,
  SmtpMailer,
  tenantSender,
  type EmailMessage,
  type Mailer,
  type SmtpMailerOptions,
} from './mailer';
export { NotificationsModule, type NotificationsModuleOptions } from './notifications.module';
