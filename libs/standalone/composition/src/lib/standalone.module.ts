import { Module, type DynamicModule } from '@nestjs/common';
import { knowledgeEntities, knowledgeMigrations } from '@pegamento/ai-responder-data-access-knowledge';
import { ResponderModule } from '@pegamento/ai-responder-feature-responder';
import { modelConfigFromEnv } from '@pegamento/ai-responder-data-access-model';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { PlatformModule } from '@pegamento/feature-platform';
import { WebChatModule } from '@pegamento/gateway-web-feature-web-chat';
import { handoffEntities, handoffMigrations } from '@pegamento/handoff-data-access';
import { HandoffFeatureModule } from '@pegamento/handoff-feature-agent';
import { policyEntities, policyMigrations } from '@pegamento/policy-data-access';
import { PolicyGateModule } from '@pegamento/policy-feature-gate';
import { AuthModule, resolveJwtSecret } from '@pegamento/util-auth';
import type { StandaloneConfig } from './config/standalone.config';

/** Every service's modules in one process, on one database and one bus. */
@Module({})
export class StandaloneModule {
  static register(config: StandaloneConfig, databaseUrl: string): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'standalone',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities, ...handoffEntities, ...policyEntities, ...knowledgeEntities],
          migrations: [...busMigrations, ...conversationsMigrations, ...handoffMigrations, ...policyMigrations, ...knowledgeMigrations],
        }),
        AuthModule.forRoot({ secret: resolveJwtSecret(config.JWT_SECRET, config.DATA_DIR), ttlSeconds: config.JWT_TTL_SECONDS }),
        WebChatModule.register(config),
        PolicyGateModule,
        ResponderModule.register({ DEFAULT_TENANT_ID: config.DEFAULT_TENANT_ID, loadDemoKnowledge: config.KNOWLEDGE_DEMO, model: modelConfigFromEnv(config) }),
        HandoffFeatureModule.register(config),
      ],
    };
  }
}
