import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { raw } from 'express';
import { EMAIL_SETTINGS, resolveEmailSettings, type EmailChannelConfig, type EmailSettings } from './email-channel.config';
import { EmailOutboundConsumer } from './email-outbound.consumer';
import { QueueMailUseCase } from './queue-mail/queue-mail.use-case';
import { ReceiveMailUseCase } from './receive-mail/receive-mail.use-case';
import { EmailSendWorker } from './send-queue/email-send-worker';
import { SmtpInboundListener } from './smtp/smtp-inbound.listener';
import { EmailWebhookController } from './webhook/email-webhook.controller';

/**
 * gateway-email: inbound mail by webhook or SMTP listener, threaded into conversations;
 * `conversation.outbound` out through the shared send queue and nodemailer. Needs
 * PlatformModule (TypeORM with the conversations entities, the bus). With SUPPORT_EMAIL
 * unset the webhook exists and answers 503, and no listener or sender runs.
 */
@Module({})
export class EmailChannelModule implements NestModule {
  private static settings: EmailSettings | null = null;

  static register(config: EmailChannelConfig): DynamicModule {
    const settings = resolveEmailSettings(config);
    EmailChannelModule.settings = settings;
    return {
      module: EmailChannelModule,
      controllers: [EmailWebhookController],
      providers: [{ provide: EMAIL_SETTINGS, useValue: settings }, ReceiveMailUseCase, QueueMailUseCase, EmailSendWorker, EmailOutboundConsumer, SmtpInboundListener],
      exports: [EMAIL_SETTINGS, SmtpInboundListener],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // The raw mail as posted, up to EMAIL_MAX_BYTES (413 above it).
    const limit = EmailChannelModule.settings?.maxBytes ?? 10_485_760;
    consumer.apply(raw({ type: 'message/rfc822', limit })).forRoutes(EmailWebhookController);
  }
}
