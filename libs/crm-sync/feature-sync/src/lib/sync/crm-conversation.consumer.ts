import { Inject, Injectable } from '@nestjs/common';
import type { EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { CrmSyncEntity } from '@pegamento/crm-sync-data-access-crm';
import { CRM_SYNC_SETTINGS, type CrmSyncSettings } from '../crm-sync.config';
import { CrmSyncWorker } from './crm-sync.worker';

/**
 * A closed conversation is queued for each CRM adapter that is on (HubSpot, the webhook), in
 * this handler's transaction: once per closing event and adapter, whatever the redeliveries.
 * A conversation closed again after a reopen is sent again (a second note, a second delivery).
 */
@Injectable()
@EventConsumer()
export class CrmConversationConsumer implements EventHandlerDefinition<'conversation.status'> {
  readonly group = 'crm-sync';
  readonly types = ['conversation.status'] as const;

  constructor(
    @Inject(CRM_SYNC_SETTINGS) private readonly settings: CrmSyncSettings,
    private readonly worker: CrmSyncWorker,
  ) {}

  async handle(event: EventOf<'conversation.status'>, { manager }: HandlerContext): Promise<void> {
    if (event.payload.status !== 'closed' || this.settings.adapters.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(CrmSyncEntity)
      .values(this.settings.adapters.map((adapter) => ({ tenantId: event.tenantId, adapter, kind: 'transcript' as const, sourceId: event.eventId, conversationId: event.conversationId })))
      .orIgnore()
      .execute();
    setImmediate(() => this.worker.nudge());
  }
}
