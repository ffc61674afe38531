import type { EmailSender } from '@kk/notifications';
import type { RateLimitSettings } from '../http/rate-limits';

/** What sign-up and "Glemt adgangskode" need beyond the portal's database, Redis and CPR keys. */
export interface EmailAccountsOptions {
  readonly emailSender: EmailSender;
  /** Production uses DEFAULT_RATE_LIMITS; tests lower or raise single numbers. */
  readonly rateLimits?: Partial<RateLimitSettings>;
}
