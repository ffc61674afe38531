import type { EmailSender } from '@kk/notifications';

/**
 * What sign-up and "Glemt adgangskode" need beyond the portal's database, Redis, CPR keys
 * and session secret. Their e-mails now go through the outbox (sealed with a key derived
 * from the session secret) and the worker sends them, so the portal needs no SMTP server.
 */
export interface EmailAccountsOptions {
  /** Unused since e-mails go through the outbox; still accepted so existing callers compile. */
  readonly emailSender?: EmailSender;
}
