import type { EntityManager } from 'typeorm';
import type { ConversationEntity } from './conversation.entity';
import { MessageEntity, type MessageAttachment } from './message.entity';
import { recordMessageIdentifiers } from './encryption/message-identifiers';

export interface CustomerMessageInput {
  conversation: Pick<ConversationEntity, 'id' | 'tenantId' | 'locale'>;
  /** The contact who wrote it, when known. */
  authorId: string | null;
  authorDisplayName: string;
  /** The text as it is to be stored: special-category data already masked (R16). */
  text: string;
  clientMessageId?: string | null;
  channelMessageId?: string | null;
  attachments?: MessageAttachment[];
}

/**
 * Stores what a customer wrote, on any channel, and the blind indexes of the e-mail
 * addresses and phone numbers in it, so an erasure finds the conversation by them (R20).
 */
export async function saveCustomerMessage(manager: EntityManager, input: CustomerMessageInput): Promise<MessageEntity> {
  const repository = manager.getRepository(MessageEntity);
  const message = await repository.save(
    repository.create({
      tenantId: input.conversation.tenantId,
      conversationId: input.conversation.id,
      direction: 'inbound',
      authorType: 'customer',
      authorId: input.authorId,
      authorDisplayName: input.authorDisplayName,
      aiGenerated: false,
      text: input.text,
      locale: input.conversation.locale,
      sources: [],
      clientMessageId: input.clientMessageId ?? null,
      channelMessageId: input.channelMessageId ?? null,
      attachments: input.attachments ?? [],
    }),
  );
  await recordMessageIdentifiers(manager, message);
  return message;
}
