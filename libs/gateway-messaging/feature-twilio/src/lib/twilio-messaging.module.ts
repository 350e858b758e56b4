import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { text } from 'express';
import { QueueOutboundUseCase } from './queue-outbound/queue-outbound.use-case';
import { ReceiveMessageUseCase } from './receive-message/receive-message.use-case';
import { RecordMediaSizeConsumer } from './record-media-size/record-media-size.consumer';
import { RecordDeliveryStatusUseCase } from './record-delivery-status/record-delivery-status.use-case';
import { TwilioDeletionWorker } from './send-queue/twilio-deletion-worker';
import { TwilioSendWorker } from './send-queue/twilio-send-worker';
import { TWILIO_SETTINGS, resolveTwilioSettings, type TwilioMessagingConfig, type TwilioSettings } from './twilio-messaging.config';
import { TwilioOutboundConsumer } from './twilio-outbound.consumer';
import { TwilioWebhookController } from './webhook/twilio-webhook.controller';

/**
 * gateway-messaging: SMS and WhatsApp through Twilio. Webhooks in (signed, answered
 * at once), `conversation.outbound` out through a durable send queue and the twilio
 * SDK, delivery statuses back, the size of customers' media asked afterwards; erased conversations' messages deleted from Twilio
 * (twilio_deletions, R20). Needs PlatformModule (TypeORM with the conversations
 * entities, the bus). With TWILIO_* unset the routes exist and answer 503.
 */
@Module({})
export class TwilioMessagingModule implements NestModule {
  private static settings: TwilioSettings | null = null;

  static register(config: TwilioMessagingConfig): DynamicModule {
    const settings = resolveTwilioSettings(config);
    TwilioMessagingModule.settings = settings;
    return {
      module: TwilioMessagingModule,
      controllers: [TwilioWebhookController],
      providers: [
        { provide: TWILIO_SETTINGS, useValue: settings },
        ReceiveMessageUseCase,
        RecordDeliveryStatusUseCase,
        QueueOutboundUseCase,
        TwilioSendWorker,
        TwilioDeletionWorker,
        TwilioOutboundConsumer,
        RecordMediaSizeConsumer,
      ],
      exports: [TWILIO_SETTINGS],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // The raw form, so the signature is checked over exactly what Twilio sent; the
    // size limit is the webhooks' own (413 above it).
    const limit = TwilioMessagingModule.settings?.webhookBodyLimitBytes ?? 65_536;
    consumer.apply(text({ type: 'application/x-www-form-urlencoded', limit })).forRoutes(TwilioWebhookController);
  }
}
