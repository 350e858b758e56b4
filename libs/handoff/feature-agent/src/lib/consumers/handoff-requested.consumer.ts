import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { ConversationStateError, HandoffRequestEntity, lockConversation, TenantEntity } from '@pegamento/data-access-conversations';
import { autoAssignEnabled, AutoAssignUseCase } from '../assignment/auto-assign/auto-assign.use-case';
import { currentHandoffRequest, lastMessages, summarise } from '../summary/handoff-request.lookup';

/**
 * `handoff.requested` (group `handoff`): writes the request's summary for the agent
 * when the requester left it empty, and, when the tenant turned auto-assignment on,
 * gives the conversation to the least-busy available agent who speaks its language.
 * Idempotent: the inbox skips a redelivered event, and a filled summary or a claimed
 * conversation is left alone.
 */
@Injectable()
@EventConsumer()
export class HandoffRequestedConsumer implements EventHandlerDefinition<'handoff.requested'> {
  readonly group = 'handoff';
  readonly types = ['handoff.requested'] as const;
  private readonly logger = new Logger(HandoffRequestedConsumer.name);

  constructor(@Inject(AutoAssignUseCase) private readonly autoAssign: AutoAssignUseCase) {}

  async handle(event: EventOf<'handoff.requested'>, { manager, emit }: HandlerContext): Promise<void> {
    const fields = { eventId: event.eventId, conversationId: event.conversationId, tenantId: event.tenantId };
    let conversation;
    try {
      conversation = await lockConversation(manager, event.tenantId, event.conversationId);
    } catch (error) {
      if (error instanceof ConversationStateError && error.code === 'not_found') {
        this.logger.warn(fields, 'handoff requested for a conversation that does not exist: ignored');
        return;
      }
      throw error;
    }

    const request = await currentHandoffRequest(manager, conversation);
    if (request && !request.summary) {
      const summary = summarise(request, await lastMessages(manager, conversation.id));
      // Only if still empty when written: a model-written summary (ai-responder) may
      // have landed meanwhile, and it must not be overwritten by the plain one.
      await manager
        .createQueryBuilder()
        .update(HandoffRequestEntity)
        .set({ summary })
        .where('id = :id AND summary IS NULL', { id: request.id })
        .execute();
    }

    const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: conversation.tenantId });
    if (!autoAssignEnabled(tenant?.settings)) return;
    const events = await this.autoAssign.execute(manager, conversation);
    if (events.length === 0) {
      if (conversation.status === 'waiting_for_agent') this.logger.log(fields, 'no available agent has room: the conversation waits in the queue');
      return;
    }
    await emit(events);
    this.logger.log({ ...fields, agentId: conversation.assignedAgentId }, 'conversation auto-assigned');
  }
}
