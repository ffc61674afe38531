import type { EmailSender } from '@kk/notifications';

/** What sign-up and "Glemt adgangskode" need beyond the portal's database, Redis and CPR keys. */
export interface EmailAccountsOptions {
  readonly emailSender: EmailSender;
}
