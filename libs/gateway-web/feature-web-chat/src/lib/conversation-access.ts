import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '@pegamento/contracts';
import { ConversationEntity } from '@pegamento/data-access-conversations';
import { tokenMatches } from './conversation-token';
import { WebChatErrorCode, WebChatException } from './web-chat.exception';

/** A customer's token opens that one web conversation and nothing else. */
@Injectable()
export class ConversationAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async open(conversationId: string, token: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ConversationEntity> {
    if (!isUuid(conversationId)) throw new WebChatException(WebChatErrorCode.ConversationNotFound, 'There is no such conversation.');
    const query = manager.getRepository(ConversationEntity).createQueryBuilder('c').where('c.id = :id AND c.channel = :channel', {
      id: conversationId,
      channel: 'web',
    });
    if (lock) query.setLock('pessimistic_write');
    const conversation = await query.getOne();
    if (!conversation) throw new WebChatException(WebChatErrorCode.ConversationNotFound, 'There is no such conversation.');
    if (!tokenMatches(token, conversation.tokenHash)) {
      throw new WebChatException(WebChatErrorCode.WrongToken, 'This token does not open this conversation.');
    }
    return conversation;
  }
}
