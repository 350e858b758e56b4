import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createEvent, type EventOf, type HandoffTrigger } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { MessageEntity, lockConversation, reopenConversation, requestHuman, type ConversationEntity } from '@pegamento/data-access-conversations';
import { detectHumanRequest, detectSensitiveTopic, isFrustrated } from '@pegamento/policy-domain';
import { isOpenAt, t } from '@pegamento/shared-domain';
import { CustomerNotifier, audit } from '../customer-notifier';
import { readTenantSettings } from '../tenant-settings.reader';

interface Escalation {
  trigger: HandoffTrigger;
  reason: string;
}

/**
 * Decides what happens with a customer's message (R10, R12–R14): a request for a
 * person, a sign of crisis, a sensitive topic or repeated frustration goes to a
 * person at once; anything else goes to the AI assistant. While a person has (or is
 * about to have) the conversation, the assistant stays out of it.
 */
@Injectable()
export class EvaluateInboundUseCase {
  constructor(private readonly notifier: CustomerNotifier) {}

  async execute(event: EventOf<'conversation.inbound'>, manager: EntityManager): Promise<void> {
    let conversation = await lockConversation(manager, event.tenantId, event.conversationId);
    const reopened = await reopenConversation(manager, conversation, event);
    conversation = reopened.conversation;
    await appendToOutbox(manager, reopened.events);
    if (conversation.status !== 'bot') {
      await appendToOutbox(manager, [audit(conversation, 'inbound.for_person', event, { status: conversation.status })]);
      return;
    }
    const settings = await readTenantSettings(manager, conversation.tenantId);
    const escalation = await this.escalation(manager, conversation, event, settings.triggers);
    if (!escalation) {
      await appendToOutbox(manager, [
        createEvent('ai.reply.requested', {
          tenantId: conversation.tenantId,
          conversationId: conversation.id,
          causedBy: event,
          payload: { requestId: event.eventId, inboundMessageId: event.payload.messageId, channel: conversation.channel, locale: conversation.locale },
        }),
        audit(conversation, 'ai.reply.requested', event, { messageId: event.payload.messageId }),
      ]);
      return;
    }
    if (escalation.trigger === 'crisis') {
      // Care first: the customer hears at once that a person comes, and where to get help now.
      await this.notifier.ensureDisclosed(manager, conversation, event);
      await this.notifier.notice(manager, conversation, t('sensitive.crisis', conversation.locale), event, 'crisis.support_shown');
    }
    const requested = await requestHuman(manager, conversation, {
      trigger: escalation.trigger,
      reason: escalation.reason,
      messageId: event.payload.messageId,
      outsideHours: !isOpenAt(settings.openingHours, new Date()),
      causedBy: event,
    });
    await appendToOutbox(manager, [
      ...requested.events,
      audit(conversation, 'escalation.requested', event, { trigger: escalation.trigger, messageId: event.payload.messageId }, escalation.reason),
    ]);
  }

  private async escalation(
    manager: EntityManager,
    conversation: ConversationEntity,
    event: EventOf<'conversation.inbound'>,
    triggers: { sensitiveTopics: readonly string[]; frustration: boolean },
  ): Promise<Escalation | null> {
    const text = event.payload.text;
    const topic = detectSensitiveTopic(text, conversation.locale);
    if (topic.topic === 'crisis') return { trigger: 'crisis', reason: topic.reason };
    const human = detectHumanRequest(text, conversation.locale);
    if (human.wantsHuman) return { trigger: 'customer_request', reason: human.reason };
    if (topic.topic && triggers.sensitiveTopics.includes(topic.topic)) return { trigger: 'sensitive_topic', reason: `topic:${topic.topic}` };
    if (triggers.frustration) {
      const recent = await manager.getRepository(MessageEntity).find({
        where: { conversationId: conversation.id, authorType: 'customer' },
        order: { createdAt: 'DESC' },
        take: 3,
      });
      if (isFrustrated(recent.map((m) => m.text).reverse())) return { trigger: 'frustration', reason: 'repeated_frustration' };
    }
    return null;
  }
}
