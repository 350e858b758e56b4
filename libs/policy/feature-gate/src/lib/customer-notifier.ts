import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createEvent, type AnyEvent, type AuthorType, type EventEnvelope, type Source } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { ConversationEntity, MessageEntity } from '@pegamento/data-access-conversations';
import { disclosureFor, t } from '@pegamento/shared-domain';

type Cause = Pick<EventEnvelope, 'eventId' | 'correlationId'> | undefined;

export interface OutgoingText {
  authorType: Exclude<AuthorType, 'customer'>;
  displayName: string;
  authorId?: string | null;
  text: string;
  aiGenerated: boolean;
  sources?: Source[];
  disclosureVersion?: string | null;
}

/**
 * The policy's only way to reach a customer: stores the message with its author
 * (fixed from here on) and emits `conversation.outbound` for the channel gateway,
 * plus the audit record. Everything customer-bound ends here.
 */
@Injectable()
export class CustomerNotifier {
  async send(manager: EntityManager, conversation: ConversationEntity, out: OutgoingText, causedBy: Cause, action: string): Promise<MessageEntity> {
    const message = await manager.getRepository(MessageEntity).save(
      manager.getRepository(MessageEntity).create({
        tenantId: conversation.tenantId,
        conversationId: conversation.id,
        direction: 'outbound',
        authorType: out.authorType,
        authorId: out.authorId ?? null,
        authorDisplayName: out.displayName,
        aiGenerated: out.aiGenerated,
        text: out.text,
        locale: conversation.locale,
        sources: out.sources ?? [],
      }),
    );
    await this.emitOutbound(manager, conversation, message, causedBy, out.disclosureVersion ?? null, action);
    return message;
  }

  /** Emits `conversation.outbound` for a message already stored (an agent's reply). */
  async emitOutbound(
    manager: EntityManager,
    conversation: ConversationEntity,
    message: MessageEntity,
    causedBy: Cause,
    disclosureVersion: string | null,
    action: string,
  ): Promise<void> {
    const events: AnyEvent[] = [
      createEvent('conversation.outbound', {
        tenantId: conversation.tenantId,
        conversationId: conversation.id,
        causedBy,
        payload: {
          messageId: message.id,
          channel: conversation.channel,
          author: { type: message.authorType, displayName: message.authorDisplayName },
          text: message.text,
          aiGenerated: message.aiGenerated,
          locale: message.locale ?? conversation.locale,
          sources: message.sources,
          disclosureVersion,
        },
      }),
      audit(conversation, action, causedBy, { messageId: message.id, authorType: message.authorType }),
    ];
    await appendToOutbox(manager, events);
  }

  /** The AI disclosure, once, before anything else reaches the customer (R01). */
  async ensureDisclosed(manager: EntityManager, conversation: ConversationEntity, causedBy: Cause): Promise<void> {
    if (conversation.disclosedAt) return;
    const disclosure = disclosureFor(conversation.channel, conversation.locale);
    await this.send(
      manager,
      conversation,
      {
        authorType: 'ai',
        displayName: t('assistant.displayName', disclosure.locale),
        text: disclosure.text,
        aiGenerated: true,
        disclosureVersion: disclosure.version,
      },
      causedBy,
      'disclosure.shown',
    );
    conversation.disclosedAt = new Date();
    conversation.disclosureVersion = disclosure.version;
    conversation.announcedSpeaker = 'ai';
    await manager.getRepository(ConversationEntity).save(conversation);
  }

  /** A notice from the platform (who answers now, queue, closed): author type `system`. */
  notice(manager: EntityManager, conversation: ConversationEntity, text: string, causedBy: Cause, action: string): Promise<MessageEntity> {
    return this.send(manager, conversation, { authorType: 'system', displayName: t('system.displayName', conversation.locale), text, aiGenerated: false }, causedBy, action);
  }
}

export function audit(
  conversation: Pick<ConversationEntity, 'tenantId' | 'id'>,
  action: string,
  causedBy: Cause,
  details: Record<string, string | number | boolean | null> = {},
  reason: string | null = null,
  actor: { type: 'system' | 'customer' | 'ai' | 'agent' | 'admin'; id: string | null } = { type: 'system', id: null },
): AnyEvent {
  return createEvent('audit.recorded', {
    tenantId: conversation.tenantId,
    conversationId: conversation.id,
    causedBy,
    payload: { action, actor, reason, details },
  });
}
