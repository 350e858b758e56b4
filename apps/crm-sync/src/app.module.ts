import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { PlatformModule } from '@pegamento/feature-platform';
import type { CrmSyncConfig } from './config/crm-sync.config';

/** Contacts and transcripts to the CRM, customer context back. */
@Module({})
export class AppModule {
  static register(config: CrmSyncConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'crm-sync',
          config,
          databaseUrl,
          entities: [...busEntities],
          migrations: [...busMigrations],
        }),
      ],
    };
  }
}
