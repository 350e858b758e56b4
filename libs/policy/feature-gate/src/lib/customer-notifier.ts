import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createEvent, type AnyEvent, type AuthorType, type EventEnvelope, type Source } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { ChannelIdentityEntity, ConversationEntity, MessageEntity } from '@pegamento/data-access-conversations';
import { isTextOnlyChannel, renderChannelText, type TextChannelAuthor } from '@pegamento/policy-domain';
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
  /** A notice the channel rules require even to a number that opted out (the STOP confirmation, HELP). */
  complianceNotice?: boolean;
}

/** How an outbound message goes on its channel, beyond its text. */
export interface OutboundOptions {
  complianceNotice?: boolean;
  /** An approved WhatsApp template (an agent's message outside the 24-hour window). */
  template?: { name: string; variables: Record<string, string> };
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
    await this.emitOutbound(manager, conversation, message, causedBy, out.disclosureVersion ?? null, action, { complianceNotice: out.complianceNotice });
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
    options: OutboundOptions = {},
  ): Promise<void> {
    let text = message.text;
    if (isTextOnlyChannel(conversation.channel)) {
      // SMS: after STOP nothing goes to the number but the confirmation (R30); the
      // message stays, marked as not sent, for agents to see.
      if (conversation.channel === 'sms' && !options.complianceNotice && (await this.optedOut(manager, conversation))) {
        await manager.getRepository(MessageEntity).update(
          { id: message.id },
          { deliveryStatus: 'failed', deliveryErrorCode: 'opted_out', deliveryErrorMessage: 'The customer sent STOP: nothing goes to this number until they send START.' },
        );
        await appendToOutbox(manager, [audit(conversation, 'outbound.suppressed', causedBy, { messageId: message.id, reason: 'opted_out' })]);
        return;
      }
      // No badge or author line on SMS/WhatsApp: the text says who writes (R03, R06).
      if (!options.template && message.authorType !== 'customer') {
        text = renderChannelText({
          authorType: message.authorType,
          displayName: message.authorDisplayName,
          text: message.text,
          isDisclosure: disclosureVersion !== null,
          previousAuthorType: await this.previousAuthor(manager, message),
          aiLabel: t('assistant.channelLabel', message.locale ?? conversation.locale),
          roleLabel: t('agent.roleLabel', message.locale ?? conversation.locale),
        });
      }
    }
    // An agent's reply (stored by handoff, not yet released): from now on the customer's transcript
    // shows it, after everything released before it. What the policy stores itself is released on insert.
    if (message.releasedAt === null) await manager.getRepository(MessageEntity).update({ id: message.id }, { releasedAt: () => 'clock_timestamp()' });
    const events: AnyEvent[] = [
      createEvent('conversation.outbound', {
        tenantId: conversation.tenantId,
        conversationId: conversation.id,
        causedBy,
        payload: {
          messageId: message.id,
          channel: conversation.channel,
          author: { type: message.authorType, displayName: message.authorDisplayName },
          text,
          aiGenerated: message.aiGenerated,
          locale: message.locale ?? conversation.locale,
          sources: message.sources,
          disclosureVersion,
          ...(options.template ? { template: options.template } : {}),
          ...(options.complianceNotice ? { complianceNotice: true } : {}),
        },
      }),
      audit(conversation, action, causedBy, { messageId: message.id, authorType: message.authorType }),
    ];
    await appendToOutbox(manager, events);
  }

  /** The SMS number of the conversation sent STOP (and not START since). */
  async optedOut(manager: EntityManager, conversation: ConversationEntity): Promise<boolean> {
    if (!conversation.channelIdentityId) return false;
    const identity = await manager.getRepository(ChannelIdentityEntity).findOneBy({ id: conversation.channelIdentityId });
    return identity?.optedOutAt !== null && identity?.optedOutAt !== undefined;
  }

  /** Who wrote the message the customer got before this one on this conversation. */
  private async previousAuthor(manager: EntityManager, message: MessageEntity): Promise<TextChannelAuthor | null> {
    const previous = await manager
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .select(['m.id', 'm.authorType'])
      .where('m.conversation_id = :conversationId AND m.direction = :outbound AND m.id <> :id', {
        conversationId: message.conversationId,
        outbound: 'outbound',
        id: message.id,
      })
      .andWhere('m.created_at <= :at', { at: message.createdAt })
      .andWhere("(m.delivery_error_code IS NULL OR m.delivery_error_code <> 'opted_out')")
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .getOne();
    return previous ? (previous.authorType as TextChannelAuthor) : null;
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
  notice(manager: EntityManager, conversation: ConversationEntity, text: string, causedBy: Cause, action: string, complianceNotice = false): Promise<MessageEntity> {
    return this.send(
      manager,
      conversation,
      { authorType: 'system', displayName: t('system.displayName', conversation.locale), text, aiGenerated: false, complianceNotice },
      causedBy,
      action,
    );
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
