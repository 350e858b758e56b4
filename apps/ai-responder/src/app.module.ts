import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { PlatformModule } from '@pegamento/feature-platform';
import { FieldKeyRing } from '@pegamento/util-crypto';
import { ResponderModule, backofficeOptionsFromEnv } from '@pegamento/ai-responder-feature-responder';
import { modelConfigFromEnv } from '@pegamento/ai-responder-data-access-model';
import { knowledgeEntities, knowledgeMigrations } from '@pegamento/ai-responder-data-access-knowledge';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { AuthModule, resolveJwtSecret } from '@pegamento/util-auth';
import type { AiResponderConfig } from './config/ai-responder.config';

/** Knowledge retrieval and model calls, with personal data pseudonymised before anything leaves. */
@Module({})
export class AppModule {
  static register(config: AiResponderConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'ai-responder',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities, ...knowledgeEntities],
          migrations: [...busMigrations, ...conversationsMigrations, ...knowledgeMigrations],
          fieldKeys: new FieldKeyRing(config.DATA_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY),
        }),
        AuthModule.forRoot({ secret: resolveJwtSecret(config.JWT_SECRET, null), ttlSeconds: config.JWT_TTL_SECONDS, previousSecrets: config.JWT_PREVIOUS_SECRETS }),
        ResponderModule.register({
          DEFAULT_TENANT_ID: config.DEFAULT_TENANT_ID,
          loadDemoKnowledge: config.KNOWLEDGE_DEMO,
          model: modelConfigFromEnv(config),
          backoffice: backofficeOptionsFromEnv(config),
        }),
      ],
    };
  }
}
