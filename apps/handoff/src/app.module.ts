import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { handoffEntities, handoffMigrations } from '@pegamento/handoff-data-access';
import { PlatformModule } from '@pegamento/feature-platform';
import { HandoffFeatureModule } from '@pegamento/handoff-feature-agent';
import { AuthModule, resolveJwtSecret } from '@pegamento/util-auth';
import type { HandoffConfig } from './config/handoff.config';

/** Queues, agents and assignment: the agent API, the console and the Slack app. */
@Module({})
export class AppModule {
  static register(config: HandoffConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'handoff',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities, ...handoffEntities],
          migrations: [...busMigrations, ...conversationsMigrations, ...handoffMigrations],
        }),
        AuthModule.forRoot({ secret: resolveJwtSecret(config.JWT_SECRET, null), ttlSeconds: config.JWT_TTL_SECONDS }),
        HandoffFeatureModule.register(config),
      ],
    };
  }
}
