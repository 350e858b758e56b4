import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventOf } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { ConversationEntity, MessageEntity, lockConversation } from '@pegamento/data-access-conversations';
import { CustomerNotifier, audit } from '../customer-notifier';
import { announceAgent } from '../announce-status/announce-status.use-case';

/**
 * A person's reply (stored by the handoff service) goes to the customer after the
 * policy made sure the customer knows a person is writing now (R06).
 */
@Injectable()
export class DeliverAgentReplyUseCase {
  constructor(private readonly notifier: CustomerNotifier) {}

  async execute(event: EventOf<'agent.reply'>, manager: EntityManager): Promise<void> {
    const conversation = await lockConversation(manager, event.tenantId, event.conversationId);
    const message = await manager.getRepository(MessageEntity).findOneBy({ id: event.payload.messageId, conversationId: conversation.id });
    if (!message) {
      await appendToOutbox(manager, [audit(conversation, 'agent.reply.missing', event, { messageId: event.payload.messageId })]);
      return;
    }
    await this.notifier.ensureDisclosed(manager, conversation, event);
    await announceAgent(this.notifier, manager, conversation, event.payload.agent, event);
    await manager.getRepository(ConversationEntity).save(conversation);
    await this.notifier.emitOutbound(manager, conversation, message, event, null, event.payload.template ? 'agent.template.sent' : 'agent.reply.sent', {
      template: event.payload.template,
    });
  }
}
