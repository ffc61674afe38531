import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { loadEnv } from '@kk/config';
import { EmailSealer, EmailSender, NotificationsModule } from '@kk/notifications';
import { EmailDelivery } from './email-delivery';
import { EmailDeliveryConsumer } from './email-delivery.consumer';

export interface EmailDeliveryModuleOptions {
  /** The worker's, connected as the restricted app role. */
  readonly dataSource: DataSource;
  /** Where to hand the e-mails; defaults to SMTP_URL. */
  readonly smtpUrl?: string;
  /** The web app's SESSION_SECRET, which the e-mails are sealed under; defaults to SESSION_SECRET. */
  readonly sessionSecret?: string;
}

/**
 * Sends the outbox's e-mails (the `emails` queue, which WorkerModule registers with the
 * others). Unless given, SMTP_URL and SESSION_SECRET are read from the environment the
 * worker was started in, as every app reads them (loadEnv).
 */
@Module({})
export class EmailDeliveryModule {
  static register(options: EmailDeliveryModuleOptions): DynamicModule {
    const env = options.smtpUrl && options.sessionSecret ? undefined : loadEnv();
    const smtpUrl = options.smtpUrl ?? env?.SMTP_URL ?? '';
    const sealer = EmailSealer.fromSecret(options.sessionSecret ?? env?.SESSION_SECRET ?? '');
    return {
      module: EmailDeliveryModule,
      imports: [NotificationsModule.forRoot({ smtpUrl })],
      providers: [
        {
          provide: EmailDelivery,
          useFactory: (sender: EmailSender) =>
            new EmailDelivery({ dataSource: options.dataSource, sealer, send: (email) => sender.sendComposed(email) }),
          inject: [EmailSender],
        },
        EmailDeliveryConsumer,
      ],
    };
  }
}
