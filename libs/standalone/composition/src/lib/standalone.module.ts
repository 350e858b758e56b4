import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { handoffEntities, handoffMigrations } from '@pegamento/handoff-data-access';
import { policyEntities, policyMigrations } from '@pegamento/policy-data-access';
import { PlatformModule } from '@pegamento/feature-platform';
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
          entities: [...busEntities, ...conversationsEntities, ...handoffEntities, ...policyEntities],
          migrations: [...busMigrations, ...conversationsMigrations, ...handoffMigrations, ...policyMigrations],
        }),
      ],
    };
  }
}
