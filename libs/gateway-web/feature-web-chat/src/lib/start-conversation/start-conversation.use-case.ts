import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createEvent } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import {
  ContactEntity,
  ConversationEntity,
  MessageEntity,
  ensureTenant,
  toConversationView,
  toCustomerMessageView,
  type ConversationView,
  type MessageView,
} from '@pegamento/data-access-conversations';
import { disclosureFor, resolveLocale, t } from '@pegamento/shared-domain';
import { hashConversationToken, newConversationToken } from '../conversation-token';
import { WEB_CHAT_CONFIG, type WebChatConfig } from '../web-chat.config';

export interface StartConversationInput {
  locale?: string;
  name?: string;
  email?: string;
  tenantId?: string;
}

export interface StartedConversation {
  conversation: ConversationView;
  token: string;
  messages: MessageView[];
}

/**
 * Opens a web conversation. Its first message is the AI disclosure (R01–R03) in the
 * conversation's language, rendered from the policy's versioned texts and recorded:
 * the version on the conversation, an `audit.recorded` event, and the message itself
 * as `conversation.outbound`, all in one transaction with the conversation.
 */
@Injectable()
export class StartConversationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WEB_CHAT_CONFIG) private readonly config: WebChatConfig,
  ) {}

  async execute(input: StartConversationInput): Promise<StartedConversation> {
    const token = newConversationToken();
    const tenantId = input.tenantId ?? this.config.DEFAULT_TENANT_ID;
    return this.dataSource.transaction(async (manager) => {
      const tenant = await ensureTenant(manager, tenantId, this.config.DEFAULT_LOCALE);
      const locale = resolveLocale(input.locale, resolveLocale(tenant.defaultLocale));
      let contactId: string | null = null;
      if (input.name || input.email) {
        const contact = await manager.getRepository(ContactEntity).save(
          manager.getRepository(ContactEntity).create({
            tenantId,
            displayName: input.name ?? null,
            email: input.email?.toLowerCase() ?? null,
            phone: null,
            locale,
          }),
        );
        contactId = contact.id;
      }
      const disclosure = disclosureFor('web', locale);
      const now = new Date();
      const conversation = await manager.getRepository(ConversationEntity).save(
        manager.getRepository(ConversationEntity).create({
          tenantId,
          contactId,
          channel: 'web',
          status: 'bot',
          locale,
          tokenHash: hashConversationToken(token),
          disclosureVersion: disclosure.version,
          disclosedAt: now,
          announcedSpeaker: 'ai',
        }),
      );
      const opening = await manager.getRepository(MessageEntity).save(
        manager.getRepository(MessageEntity).create({
          tenantId,
          conversationId: conversation.id,
          direction: 'outbound',
          authorType: 'ai',
          authorId: null,
          authorDisplayName: t('assistant.displayName', disclosure.locale),
          aiGenerated: true,
          text: disclosure.text,
          locale: disclosure.locale,
          sources: [],
        }),
      );
      await appendToOutbox(manager, [
        createEvent('conversation.outbound', {
          tenantId,
          conversationId: conversation.id,
          payload: {
            messageId: opening.id,
            channel: 'web',
            author: { type: 'ai', displayName: opening.authorDisplayName },
            text: opening.text,
            aiGenerated: true,
            locale: disclosure.locale,
            sources: [],
            disclosureVersion: disclosure.version,
          },
        }),
        createEvent('audit.recorded', {
          tenantId,
          conversationId: conversation.id,
          payload: {
            action: 'disclosure.shown',
            actor: { type: 'system', id: null },
            reason: 'first message of the conversation',
            details: { disclosureVersion: disclosure.version, channel: 'web', locale: disclosure.locale, messageId: opening.id },
          },
        }),
      ]);
      return { conversation: toConversationView(conversation), token, messages: [toCustomerMessageView(opening)] };
    });
  }
}
