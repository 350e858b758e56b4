import { Injectable } from '@nestjs/common';
import { isUuid, type AnyEvent, type EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { ConversationEntity, MessageEntity, toConversationView, toCustomerMessageView } from '@pegamento/data-access-conversations';
import { t } from '@pegamento/shared-domain';
import { WebChatEvents } from './web-chat.events';

type Pushed = 'conversation.outbound' | 'conversation.status' | 'ai.reply.requested';

/**
 * Delivers to the browser what the policy let through: outbound messages, state
 * changes, and the assistant's labelled typing indicator ("AI-assistent schrijft…").
 */
@Injectable()
@EventConsumer()
export class WebPushConsumer implements EventHandlerDefinition<Pushed> {
  readonly group = 'gateway-web';
  /** Every replica pushes to the sockets it holds (ADR 0005). */
  readonly delivery = 'broadcast' as const;
  readonly types = ['conversation.outbound', 'conversation.status', 'ai.reply.requested'] as const;

  constructor(private readonly events: WebChatEvents) {}

  async handle(event: EventOf<Pushed>, { manager }: HandlerContext): Promise<void> {
    const e = event as AnyEvent;
    switch (e.type) {
      case 'conversation.outbound': {
        if (e.payload.channel !== 'web' || !isUuid(e.payload.messageId)) return;
        const message = await manager.getRepository(MessageEntity).findOneBy({ id: e.payload.messageId });
        if (message) this.events.message(e.conversationId, toCustomerMessageView(message));
        return;
      }
      case 'conversation.status': {
        // Only conversations have uuids; anything else keyed otherwise is not the browser's business.
        if (!isUuid(e.conversationId)) return;
        const conversation = await manager.getRepository(ConversationEntity).findOneBy({ id: e.conversationId });
        if (conversation?.channel === 'web') this.events.conversation(toConversationView(conversation));
        return;
      }
      case 'ai.reply.requested':
        if (e.payload.channel === 'web') this.events.typing(e.conversationId, { type: 'ai', displayName: t('assistant.typing', e.payload.locale) });
        return;
      default:
        return;
    }
  }
}
