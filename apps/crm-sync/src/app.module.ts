import { Module, type DynamicModule } from '@nestjs/common';
import { crmEntities, crmMigrations } from '@pegamento/crm-sync-data-access-crm';
import { CrmSyncModule } from '@pegamento/crm-sync-feature-sync';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { PlatformModule } from '@pegamento/feature-platform';
import { AuthModule, resolveJwtSecret } from '@pegamento/util-auth';
import { FieldKeyRing } from '@pegamento/util-crypto';
import type { CrmSyncConfig } from './config/crm-sync.config';

/** Contacts and transcripts to the CRM (HubSpot, a signed webhook), erasures there, customer context back (ADR 0019). */
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
          entities: [...busEntities, ...conversationsEntities, ...crmEntities],
          migrations: [...busMigrations, ...conversationsMigrations, ...crmMigrations],
          fieldKeys: new FieldKeyRing(config.DATA_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY),
        }),
        AuthModule.forRoot({ secret: resolveJwtSecret(config.JWT_SECRET, null), ttlSeconds: config.JWT_TTL_SECONDS, previousSecrets: config.JWT_PREVIOUS_SECRETS }),
        CrmSyncModule.register(config),
      ],
    };
  }
}
