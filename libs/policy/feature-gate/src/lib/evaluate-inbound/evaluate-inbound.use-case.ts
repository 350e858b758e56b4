import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createEvent, type EventOf, type HandoffTrigger } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { MessageEntity, lockConversation, reopenConversation, requestHuman, type ConversationEntity } from '@pegamento/data-access-conversations';
import { detectHumanRequest, detectSensitiveTopic, isFrustrated, isHandoverKeyword, isTextOnlyChannel } from '@pegamento/policy-domain';
import { isOpenAt, t, type TenantSettings } from '@pegamento/shared-domain';
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
    if (isTextOnlyChannel(conversation.channel)) {
      // STOP, START and HELP were applied to the number by the gateway; the policy
      // only answers them, and nothing else happens with such a message (R30).
      if (event.payload.keyword) return this.answerKeyword(manager, conversation, event, event.payload.keyword);
      if (await this.notifier.optedOut(manager, conversation)) {
        await appendToOutbox(manager, [audit(conversation, 'inbound.opted_out', event, { messageId: event.payload.messageId }, 'the number sent STOP')]);
        return;
      }
    }
    const reopened = await reopenConversation(manager, conversation, event);
    conversation = reopened.conversation;
    await appendToOutbox(manager, reopened.events);
    if (conversation.status !== 'bot') {
      await appendToOutbox(manager, [audit(conversation, 'inbound.for_person', event, { status: conversation.status })]);
      return;
    }
    const settings = await readTenantSettings(manager, conversation.tenantId);
    if (event.payload.attachments.length > 0 && isTextOnlyChannel(conversation.channel)) {
      // The assistant reads text only; the customer hears so, and a person can see the media.
      await this.notifier.ensureDisclosed(manager, conversation, event);
      await this.notifier.notice(manager, conversation, t('assistant.cannotReadAttachments', conversation.locale), event, 'attachments.unreadable');
    }
    if (event.payload.text.trim().length === 0) {
      await appendToOutbox(manager, [audit(conversation, 'inbound.no_text', event, { messageId: event.payload.messageId, attachments: event.payload.attachments.length })]);
      return;
    }
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

  /** The one answer to STOP (the confirmation), START and HELP (the human routes). */
  private async answerKeyword(
    manager: EntityManager,
    conversation: ConversationEntity,
    event: EventOf<'conversation.inbound'>,
    keyword: 'opt_out' | 'opt_in' | 'help',
  ): Promise<void> {
    const locale = conversation.locale;
    const text =
      keyword === 'opt_out' ? t('sms.stopped', locale) : keyword === 'opt_in' ? t('sms.started', locale) : helpText(await readTenantSettings(manager, conversation.tenantId), locale);
    await this.notifier.notice(manager, conversation, text, event, `${conversation.channel}.keyword.${keyword}`, true);
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
    // MENS / MEDEWERKER / HUMAN / AGENT, as the disclosure on SMS and WhatsApp says: in any language.
    if (isTextOnlyChannel(conversation.channel) && isHandoverKeyword(text)) return { trigger: 'customer_request', reason: 'keyword' };
    const human = detectHumanRequest(text, conversation.locale);
    if (human.wantsHuman) return { trigger: 'customer_request', reason: human.reason };
    if (topic.topic && triggers.sensitiveTopics.includes(topic.topic)) return { trigger: 'sensitive_topic', reason: `topic:${topic.topic}` };
    // The gateway masked health data before storing the text (R16): the topic came up all the same.
    if (event.payload.maskedData?.includes('HEALTH') && triggers.sensitiveTopics.includes('medical')) return { trigger: 'sensitive_topic', reason: 'topic:medical (masked)' };
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

/** HELP on SMS: how to reach a person, with the organisation's phone and e-mail where set (R11, R30). */
export function helpText(settings: TenantSettings, locale: string): string {
  const { phone, email } = settings.humanRoutes;
  if (phone && email) return t('sms.help', locale, { phone, email });
  if (phone || email) return t('sms.helpOneRoute', locale, { route: (phone ?? email)! });
  return t('sms.helpNoRoutes', locale);
}
