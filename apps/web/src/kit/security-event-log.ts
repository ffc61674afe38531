import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { DestinationStream, Logger } from 'pino';
import { createLogger } from '@kk/observability';
import { SECURITY_EVENT_DESTINATION } from './kit-tokens';

/**
 * The security event log: one JSON line per event on its own channel, for an operator's
 * alerting and an auditor's questions ("who logged in as this parent, from where?").
 * Never a CPR number, password, token or code; an email address only as a hash, so the
 * line can be correlated without being a list of who asked for what.
 */
export type SecurityEvent =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.mfa_failed'
  | 'mfa.enabled'
  | 'mfa.disabled'
  | 'password_reset.requested'
  | 'password_reset.completed'
  | 'signup.completed'
  | 'signup.existing_email'
  | 'mitid.login'
  | 'mitid.linked'
  | 'mitid.refused'
  | 'relation.requested'
  | 'relation.decided'
  | 'rate_limit.refused'
  | 'session.expired';

export interface SecurityEventFields {
  readonly tenant: string;
  readonly ip?: string;
  readonly login?: string;
  /** An email the event concerns; logged only as emailHash. */
  readonly email?: string;
  readonly reason?: string;
  readonly [detail: string]: string | number | boolean | undefined;
}

@Injectable()
export class SecurityEventLog {
  private readonly logger: Logger;

  /**
   * The app's pino configuration, so whatever a caller passes by mistake under a secret's
   * name (cpr, password, token, code, …) is redacted here too. Always at `info`, whatever
   * LOG_LEVEL says: this is the audit trail, not diagnostics.
   */
  constructor(@Optional() @Inject(SECURITY_EVENT_DESTINATION) destination?: DestinationStream) {
    this.logger = createLogger({
      app: 'web',
      level: 'info',
      destination,
      bindings: { channel: 'security' },
      messageKey: 'event',
    });
  }

  record(event: SecurityEvent, fields: SecurityEventFields): void {
    const { email, ...rest } = fields;
    const level = event.endsWith('failed') || event.endsWith('refused') ? 'warn' : 'info';
    this.logger[level]({ ...rest, ...(email === undefined ? {} : { emailHash: hashEmail(email) }) }, event);
  }
}

export function hashEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 16);
}
