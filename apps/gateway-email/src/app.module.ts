import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { PlatformModule } from '@pegamento/feature-platform';
import { EmailChannelModule } from '@pegamento/gateway-email-feature-email';
import { FieldKeyRing } from '@pegamento/util-crypto';
import type { GatewayEmailConfig } from './config/gateway-email.config';

/** Inbound e-mail (SMTP listener or provider webhook) and outbound SMTP with threading: conversation.inbound in, conversation.outbound (email) out. */
@Module({})
export class AppModule {
  static register(config: GatewayEmailConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'gateway-email',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities],
          migrations: [...busMigrations, ...conversationsMigrations],
          fieldKeys: new FieldKeyRing(config.DATA_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY),
        }),
        EmailChannelModule.register(config),
      ],
    };
  }
}
