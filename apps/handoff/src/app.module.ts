import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { handoffEntities, handoffMigrations } from '@pegamento/handoff-data-access';
import { PlatformModule } from '@pegamento/feature-platform';
import { FieldKeyRing } from '@pegamento/util-crypto';
import { AgentDesk, HandoffFeatureModule } from '@pegamento/handoff-feature-agent';
import { SlackAgentModule } from '@pegamento/handoff-feature-slack';
import { AuthModule, resolveJwtSecret } from '@pegamento/util-auth';
import type { HandoffConfig } from './config/handoff.config';

/** Queues, agents and assignment: the agent API, the console and the Slack app. */
@Module({})
export class AppModule {
  static register(config: HandoffConfig, databaseUrl: string): DynamicModule {
    const handoff = HandoffFeatureModule.register(config);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'handoff',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities, ...handoffEntities],
          migrations: [...busMigrations, ...conversationsMigrations, ...handoffMigrations],
          fieldKeys: new FieldKeyRing(config.DATA_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY),
        }),
        AuthModule.forRoot({ secret: resolveJwtSecret(config.JWT_SECRET, null), ttlSeconds: config.JWT_TTL_SECONDS, previousSecrets: config.JWT_PREVIOUS_SECRETS }),
        handoff,
        // The Slack app acts through the agent API's own use cases (ADR 0017).
        SlackAgentModule.register(config, { imports: [handoff], desk: AgentDesk }),
      ],
    };
  }
}
