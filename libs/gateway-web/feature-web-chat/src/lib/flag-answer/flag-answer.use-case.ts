import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createEvent, isUuid } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { MessageEntity, toCustomerMessageView, type MessageView } from '@pegamento/data-access-conversations';
import { ConversationAccess } from '../conversation-access';
import { WebChatErrorCode, WebChatException } from '../web-chat.exception';
import { requestHumanFromCustomer } from '../request-handoff/request-handoff.use-case';

/**
 * "This is wrong" on an AI answer (R14): the answer is marked, and a person takes over
 * to correct it in the same conversation.
 */
@Injectable()
export class FlagAnswerUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConversationAccess,
  ) {}

  execute(conversationId: string, token: string, messageId: string, reason: string | undefined): Promise<MessageView> {
    return this.dataSource.transaction(async (manager) => {
      const conversation = await this.access.open(conversationId, token, manager, true);
      const message = isUuid(messageId)
        ? await manager.getRepository(MessageEntity).findOneBy({ id: messageId, conversationId: conversation.id })
        : null;
      if (!message) throw new WebChatException(WebChatErrorCode.MessageNotFound, 'There is no such message in this conversation.');
      if (message.authorType !== 'ai') {
        throw new WebChatException(WebChatErrorCode.NotAnAiAnswer, 'Only an answer of the AI assistant can be marked as wrong.');
      }
      message.flagged = true;
      message.flagReason = reason ?? null;
      await manager.getRepository(MessageEntity).save(message);
      await appendToOutbox(manager, [
        createEvent('audit.recorded', {
          tenantId: conversation.tenantId,
          conversationId: conversation.id,
          payload: {
            action: 'answer.flagged',
            actor: { type: 'customer', id: conversation.contactId },
            reason: 'customer marked an AI answer as wrong',
            details: { messageId: message.id, withReason: reason !== undefined && reason.length > 0 },
          },
        }),
      ]);
      await requestHumanFromCustomer(manager, conversation, 'flagged_answer', 'answer_flagged', message.id);
      return toCustomerMessageView(message);
    });
  }
}
