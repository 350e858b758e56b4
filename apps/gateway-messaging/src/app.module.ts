import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { PlatformModule } from '@pegamento/feature-platform';
import { FieldKeyRing } from '@pegamento/util-crypto';
import { TwilioMessagingModule } from '@pegamento/gateway-messaging-feature-twilio';
import type { GatewayMessagingConfig } from './config/gateway-messaging.config';

/** Twilio SMS and WhatsApp webhooks and sends: conversation.inbound in, conversation.outbound out, delivery.status from Twilio callbacks. */
@Module({})
export class AppModule {
  static register(config: GatewayMessagingConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'gateway-messaging',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities],
          migrations: [...busMigrations, ...conversationsMigrations],
          fieldKeys: new FieldKeyRing(config.DATA_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY),
        }),
        TwilioMessagingModule.register(config),
      ],
    };
  }
}
