import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { PlatformModule } from '@pegamento/feature-platform';
import { FieldKeyRing } from '@pegamento/util-crypto';
import { WebChatModule } from '@pegamento/gateway-web-feature-web-chat';
import type { GatewayWebConfig } from './config/gateway-web.config';

/** Web chat API, socket.io and the widget: turns customer messages into conversation.inbound events and delivers conversation.outbound to the browser. */
@Module({})
export class AppModule {
  static register(config: GatewayWebConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'gateway-web',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities],
          migrations: [...busMigrations, ...conversationsMigrations],
          fieldKeys: new FieldKeyRing(config.DATA_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY),
        }),
        WebChatModule.register(config),
      ],
    };
  }
}
