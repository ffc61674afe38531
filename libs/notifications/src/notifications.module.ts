import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EmailSender } from './email-sender';
import { SmtpMailer, type SmtpMailerOptions } from './mailer';

export type NotificationsModuleOptions = Omit<SmtpMailerOptions, 'from'>;

// Closes the shared SMTP transport with the app; a pooled or TLS socket would otherwise linger.
class SmtpMailerCloser implements OnApplicationShutdown {
  constructor(private readonly mailer: SmtpMailer) {}
  onApplicationShutdown(): void {
    this.mailer.close();
  }
}

/** Provides EmailSender over one SMTP transport; each tenant sends from its own address. */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsModuleOptions): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [
        // The default sender is never used: EmailSender always picks the tenant's.
        { provide: SmtpMailer, useFactory: () => new SmtpMailer({ ...options, from: 'no-reply@localhost' }) },
        { provide: SmtpMailerCloser, useFactory: (m: SmtpMailer) => new SmtpMailerCloser(m), inject: [SmtpMailer] },
        {
          provide: EmailSender,
          useFactory: (m: SmtpMailer) => new EmailSender((from) => m.withSender(from)),
          inject: [SmtpMailer],
        },
      ],
      exports: [EmailSender],
    };
  }
}
