export { EmailSender, type SenderTenant } from './email-sender';
export {
  EMAIL_KINDS,
  renderEmail,
  type EmailData,
  type EmailKind,
  type EmailTenant,
  type RenderedEmail,
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
