import { Inject, Injectable } from '@nestjs/common';
import { isUuid, type AnyEvent, type EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { ConversationEntity, MessageEntity, toConversationView, toMessageView } from '@pegamento/data-access-conversations';
import { AgentLiveGateway } from './agent-live.gateway';

type Pushed = 'conversation.inbound' | 'conversation.outbound' | 'conversation.status' | 'handoff.requested' | 'handoff.summarized';

/**
 * Group `handoff-console`: pushes to the agent console's sockets (AgentLiveGateway) of
 * the event's tenant. A new message in or out becomes `message`; a state change or a new
 * request for a person becomes `queue` with the conversation as it is now. A new request,
 * and a model's hand-over summary written after it, also become `summary` with only the
 * conversation's id: a console showing that conversation reads it again, so the summary
 * is read (and audited) by whoever looks, not sent to every agent. Only reads: a
 * redelivered event pushes once more, which the console de-duplicates by id.
 */
@Injectable()
@EventConsumer()
export class LiveUpdatesConsumer implements EventHandlerDefinition<Pushed> {
  readonly group = 'handoff-console';
  /** Every replica pushes to the sockets it holds (ADR 0005). */
  readonly delivery = 'broadcast' as const;
  readonly types = ['conversation.inbound', 'conversation.outbound', 'conversation.status', 'handoff.requested', 'handoff.summarized'] as const;

  constructor(@Inject(AgentLiveGateway) private readonly live: AgentLiveGateway) {}

  async handle(event: EventOf<Pushed>, { manager }: HandlerContext): Promise<void> {
    const e = event as AnyEvent;
    switch (e.type) {
      case 'conversation.inbound':
      case 'conversation.outbound': {
        if (!isUuid(e.payload.messageId)) return;
        const message = await manager.getRepository(MessageEntity).findOneBy({ id: e.payload.messageId, tenantId: e.tenantId });
        if (message) this.live.message(e.tenantId, toMessageView(message));
        return;
      }
      case 'conversation.status':
      case 'handoff.requested': {
        if (!isUuid(e.conversationId)) return;
        const conversation = await manager.getRepository(ConversationEntity).findOneBy({ id: e.conversationId, tenantId: e.tenantId });
        if (!conversation) return;
        this.live.queue(e.tenantId, toConversationView(conversation));
        // A new request has a summary of its own (the plain one, until a model writes one).
        if (e.type === 'handoff.requested') this.live.summary(e.tenantId, conversation.id);
        return;
      }
      case 'handoff.summarized':
        if (isUuid(e.conversationId)) this.live.summary(e.tenantId, e.conversationId);
        return;
      default:
        return;
    }
  }
}
