import { Injectable } from '@nestjs/common';
import { isUuid, type EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { AuditLogEntity } from '@pegamento/policy-data-access';

/** Writes every `audit.recorded` event into the evidence log (R07), once per event. */
@Injectable()
@EventConsumer()
export class AuditLogConsumer implements EventHandlerDefinition<'audit.recorded'> {
  readonly group = 'policy-audit';
  readonly types = ['audit.recorded'] as const;

  async handle(event: EventOf<'audit.recorded'>, { manager }: HandlerContext): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditLogEntity)
      .values({
        tenantId: event.tenantId,
        conversationId: isUuid(event.conversationId) ? event.conversationId : null,
        eventId: event.eventId,
        action: event.payload.action,
        actorType: event.payload.actor.type,
        actorId: event.payload.actor.id,
        reason: event.payload.reason,
        details: { ...event.payload.details, correlationId: event.correlationId },
        occurredAt: new Date(event.occurredAt),
      })
      .orIgnore()
      .execute();
  }
}
