import { createTransport, type SMTPTransportOptions, type Transporter } from 'nodemailer';

/** A rendered email for one recipient; the sender is the mailer's (one per tenant). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

export interface SmtpMailerOptions {
  /** `smtp://host:port` (STARTTLS when offered) or `smtps://user:pass@host:465`. */
  smtpUrl: string;
  /** The From header, e.g. `"Sct. Ibs Kantinekort" <no-reply@sctibs.localhost>`; see tenantSender(). */
  from: string;
  /** Applies to connecting and to the server's greeting; defaults to 5 s. */
  connectionTimeoutMs?: number;
}

/** Thrown when an email could not be handed to the SMTP server; never carries the message body. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    /** nodemailer's or the socket's code, e.g. ECONNREFUSED, ETIMEDOUT, EENVELOPE. */
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;

/**
 * Sends through an SMTP server (MailDev in the demo, a relay in production). Fails fast:
 * a request handler waiting two minutes (nodemailer's default) for a dead server would be
 * worse than an error the caller can show or retry.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  private readonly endpoint: string;
  private readonly from: string;

  constructor(options: SmtpMailerOptions) {
    const { transportOptions, endpoint } = smtpTransportOptions(options);
    this.transport = createTransport(transportOptions);
    this.endpoint = endpoint;
    this.from = options.from;
  }

  /** The same SMTP server with another sender: one mailer per tenant, one transport to close. */
  withSender(from: string): Mailer {
    return { send: (message) => this.sendAs(from, message) };
  }

  send(message: EmailMessage): Promise<void> {
    return this.sendAs(this.from, message);
  }

  close(): void {
    this.transport.close();
  }

  private async sendAs(from: string, message: EmailMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // Deterministic and readable in a raw view; base64 would be chosen for mostly non-ASCII text.
        textEncoding: 'quoted-printable',
      });
    } catch (error) {
      throw deliveryError(error, this.endpoint, message.to);
    }
  }
}

/** `"<productName>" <no-reply@<first host>>`: replies go nowhere, so the footer names the support channel. */
export function tenantSender(
  tenant: { productName: string; hosts: readonly string[] },
  localPart = 'no-reply',
): string {
  const host = tenant.hosts[0];
  if (!host) throw new Error(`Tenant "${tenant.productName}" has no host to send email from`);
  // A display name is a quoted string: drop the two characters that could end it early.
  const name = tenant.productName.replace(/["\\]/g, '');
  return `"${name}" <${localPart}@${host}>`;
}

function smtpTransportOptions(options: SmtpMailerOptions): {
  transportOptions: SMTPTransportOptions;
  endpoint: string;
} {
  let url: URL;
  try {
    url = new URL(options.smtpUrl);
  } catch {
    throw new Error(`SMTP URL must look like smtp://host:port, got "${redactUrl(options.smtpUrl)}"`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
  }
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 25;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error(`SMTP URL needs a host, got "${redactUrl(options.smtpUrl)}"`);
  const timeout = options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
  return {
    endpoint: `${url.hostname}:${port}`,
    transportOptions: {
      host,
      port,
      secure,
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: Math.max(timeout, 15_000),
      // Templates never reference files or URLs to inline; refuse them should data ever smuggle one in.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
      debug: false,
    },
  };
}

function deliveryError(error: unknown, endpoint: string, to: string): MailDeliveryError {
  const code = errorCode(error);
  // The recipient's domain is enough to diagnose; the full address and the body are personal data.
  const domain = to.includes('@') ? to.slice(to.lastIndexOf('@') + 1) : 'an invalid address';
  const reason =
    code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'EDNS'
      ? `the SMTP server at ${endpoint} is not reachable (${code}); is the mail catcher or relay running?`
      : code === 'ETIMEDOUT'
        ? `the SMTP server at ${endpoint} did not answer in time (ETIMEDOUT)`
        : `the SMTP server at ${endpoint} refused it: ${redactAddresses(errorMessage(error))}`;
  // No `cause`: nodemailer's error carries the SMTP command and reply, full addresses included.
  return new MailDeliveryError(`Could not send email to a recipient at ${domain}: ${reason}`, code);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code } = error as { code?: unknown };
  // nodemailer wraps socket errors as ESOCKET and keeps the socket's code in the message only.
  const message = errorMessage(error);
  const socketCode = /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT)\b/.exec(message)?.[1];
  if (code === 'ESOCKET' && socketCode) return socketCode;
  return typeof code === 'string' ? code : socketCode;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function redactAddresses(text: string): string {
  return text.replace(/[^\s<>"'@:]+@/g, '…@');
}

function redactUrl(value: string): string {
  return value.replace(/\/\/[^@/]*@/, '//***@');
}
