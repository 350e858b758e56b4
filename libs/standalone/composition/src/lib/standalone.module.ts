import { Module, type DynamicModule } from '@nestjs/common';
import { knowledgeEntities, knowledgeMigrations } from '@pegamento/ai-responder-data-access-knowledge';
import { ResponderModule, backofficeOptionsFromEnv } from '@pegamento/ai-responder-feature-responder';
import { modelConfigFromEnv } from '@pegamento/ai-responder-data-access-model';
import { crmEntities, crmMigrations } from '@pegamento/crm-sync-data-access-crm';
import { CrmSyncModule } from '@pegamento/crm-sync-feature-sync';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { PlatformModule } from '@pegamento/feature-platform';
import { EmailChannelModule } from '@pegamento/gateway-email-feature-email';
import { TwilioMessagingModule } from '@pegamento/gateway-messaging-feature-twilio';
import { WebChatModule } from '@pegamento/gateway-web-feature-web-chat';
import { handoffEntities, handoffMigrations } from '@pegamento/handoff-data-access';
import { AgentDesk, HandoffFeatureModule } from '@pegamento/handoff-feature-agent';
import { SlackAgentModule } from '@pegamento/handoff-feature-slack';
import { policyEntities, policyMigrations } from '@pegamento/policy-data-access';
import { PolicyGateModule } from '@pegamento/policy-feature-gate';
import { PrivacyModule } from '@pegamento/policy-feature-privacy';
import { AuthModule, resolveJwtSecret } from '@pegamento/util-auth';
import { resolveFieldKeyRing } from '@pegamento/util-crypto';
import type { StandaloneConfig } from './config/standalone.config';

/** Every service's modules in one process, on one database and one bus. */
@Module({})
export class StandaloneModule {
  static register(config: StandaloneConfig, databaseUrl: string): DynamicModule {
    const handoff = HandoffFeatureModule.register(config);
    return {
      module: StandaloneModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'standalone',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities, ...handoffEntities, ...policyEntities, ...knowledgeEntities, ...crmEntities],
          migrations: [...busMigrations, ...conversationsMigrations, ...handoffMigrations, ...policyMigrations, ...knowledgeMigrations, ...crmMigrations],
          // DATA_ENCRYPTION_KEYS / BLIND_INDEX_KEY, or keys generated once under DATA_DIR/secrets.
          fieldKeys: resolveFieldKeyRing(config, config.DATA_DIR),
        }),
        AuthModule.forRoot({ secret: resolveJwtSecret(config.JWT_SECRET, config.DATA_DIR), ttlSeconds: config.JWT_TTL_SECONDS, previousSecrets: config.JWT_PREVIOUS_SECRETS }),
        WebChatModule.register(config),
        TwilioMessagingModule.register(config),
        EmailChannelModule.register(config),
        PolicyGateModule,
        PrivacyModule.register(config),
        ResponderModule.register({
          DEFAULT_TENANT_ID: config.DEFAULT_TENANT_ID,
          loadDemoKnowledge: config.KNOWLEDGE_DEMO,
          model: modelConfigFromEnv(config),
          backoffice: backofficeOptionsFromEnv(config),
        }),
        handoff,
        // The Slack app for agents acts through the agent API's own use cases (ADR 0017).
        SlackAgentModule.register(config, { imports: [handoff], desk: AgentDesk }),
        // HubSpot, the CRM webhook and the back office (ADR 0019); all off unless configured.
        CrmSyncModule.register(config),
      ],
    };
  }
}
