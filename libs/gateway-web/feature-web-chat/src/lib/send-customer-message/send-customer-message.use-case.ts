import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { ContactEntity, MessageEntity, TenantEntity, saveCustomerMessage, toCustomerMessageView, type MessageView } from '@pegamento/data-access-conversations';
import { maskSpecialData, parseTenantSettings, t } from '@pegamento/shared-domain';
import { ConversationAccess } from '../conversation-access';
import { WEB_CHAT_CONFIG, type WebChatConfig } from '../web-chat.config';
import { WebChatErrorCode, WebChatException } from '../web-chat.exception';

export interface SendCustomerMessageInput {
  conversationId: string;
  token: string;
  text: string;
  clientMessageId?: string;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Stores a customer's message and its `conversation.inbound` event in one
 * transaction: once this returns, the message is committed and will be processed
 * (a 202 never loses a message). The same clientMessageId twice stores one message.
 * A BSN or special-category data in it is masked first, unless the tenant has a legal
 * basis (R16): the original is never written anywhere.
 */
@Injectable()
export class SendCustomerMessageUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConversationAccess,
    @Inject(WEB_CHAT_CONFIG) private readonly config: WebChatConfig,
  ) {}

  async execute(input: SendCustomerMessageInput): Promise<{ message: MessageView; created: boolean }> {
    const text = input.text.trim();
    if (text.length === 0) throw new WebChatException(WebChatErrorCode.EmptyMessage, 'The message is empty.');
    if ([...input.text].length > this.config.WEB_MESSAGE_MAX_CHARS) {
      throw new WebChatException(WebChatErrorCode.MessageTooLong, `A message can be at most ${this.config.WEB_MESSAGE_MAX_CHARS} characters.`);
    }
    try {
      return await this.store(input, text);
    } catch (error) {
      // Two sends with the same clientMessageId at once: the second loses the race on
      // the unique index and answers with the first one's message.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && input.clientMessageId) {
        const existing = await this.existing(input.conversationId, input.clientMessageId);
        if (existing) return { message: toCustomerMessageView(existing), created: false };
      }
      throw error;
    }
  }

  private existing(conversationId: string, clientMessageId: string): Promise<MessageEntity | null> {
    return this.dataSource.getRepository(MessageEntity).findOneBy({ conversationId, clientMessageId });
  }

  private store(input: SendCustomerMessageInput, text: string): Promise<{ message: MessageView; created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const conversation = await this.access.open(input.conversationId, input.token, manager);
      if (input.clientMessageId) {
        const existing = await manager.getRepository(MessageEntity).findOneBy({ conversationId: conversation.id, clientMessageId: input.clientMessageId });
        if (existing) return { message: toCustomerMessageView(existing), created: false };
      }
      const contact = conversation.contactId ? await manager.getRepository(ContactEntity).findOneBy({ id: conversation.contactId }) : null;
      const tenant = await manager.getRepository(TenantEntity).findOneBy({ id: conversation.tenantId });
      const { text: stored, masked } = maskSpecialData(text, conversation.locale, parseTenantSettings(tenant?.settings ?? {}).legalBasis);
      const message = await saveCustomerMessage(manager, {
        conversation,
        authorId: conversation.contactId,
        authorDisplayName: contact?.displayName ?? t('customer.displayName', conversation.locale),
        text: stored,
        clientMessageId: input.clientMessageId ?? null,
      });
      await appendToOutbox(manager, [
        createEvent('conversation.inbound', {
          tenantId: conversation.tenantId,
          conversationId: conversation.id,
          payload: {
            messageId: message.id,
            channel: 'web',
            contactId: conversation.contactId,
            text: stored,
            locale: conversation.locale,
            clientMessageId: input.clientMessageId ?? null,
            channelMessageId: null,
            attachments: [],
            receivedAt: message.createdAt.toISOString(),
            ...(masked.length > 0 ? { maskedData: masked } : {}),
          },
        }),
      ]);
      return { message: toCustomerMessageView(message), created: true };
    });
  }
}
