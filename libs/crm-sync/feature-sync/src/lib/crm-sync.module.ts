import { Module, type DynamicModule } from '@nestjs/common';
import { CRM_SYNC_SETTINGS, resolveCrmSyncSettings, type CrmSyncConfig } from './crm-sync.config';
import { BACKOFFICE_CLIENT } from './crm-sync.tokens';
import { CustomerContextController } from './context/customer-context.controller';
import { CrmConversationConsumer } from './sync/crm-conversation.consumer';
import { BackofficeClient } from '@pegamento/data-access-backoffice';
import { CrmSyncWorker } from './sync/crm-sync.worker';

/**
 * crm-sync (ADR 0019): closed conversations to HubSpot and/or a signed CRM webhook through a
 * durable queue, erasures carried out there, and customer context from the back office for
 * agents (`GET /api/v1/crm/conversations/{id}/context`). Needs PlatformModule (TypeORM with
 * the conversations and crm entities, the bus) and AuthModule. With nothing configured it
 * queues nothing and the context route says no back office is connected.
 */
@Module({})
export class CrmSyncModule {
  static register(config: CrmSyncConfig): DynamicModule {
    const settings = resolveCrmSyncSettings(config);
    return {
      module: CrmSyncModule,
      controllers: [CustomerContextController],
      providers: [
        { provide: CRM_SYNC_SETTINGS, useValue: settings },
        // The back office's client, or null when BACKOFFICE_API_URL is unset.
        { provide: BACKOFFICE_CLIENT, useValue: settings.backoffice ? new BackofficeClient(settings.backoffice) : null },
        CrmSyncWorker,
        CrmConversationConsumer,
      ],
      exports: [CRM_SYNC_SETTINGS, CrmSyncWorker],
    };
  }
}
