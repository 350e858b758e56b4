import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, EventOf } from '@pegamento/contracts';
import { appendToOutbox } from '@pegamento/data-access-bus';
import { ConversationEntity, lockConversation, requestHuman } from '@pegamento/data-access-conversations';
import { isOpenAt, t } from '@pegamento/shared-domain';
import { CustomerNotifier, audit } from '../customer-notifier';
import { readTenantSettings } from '../tenant-settings.reader';

/** Longest AI message per channel; longer drafts are cut at a sentence end. */
export const MAX_AI_TEXT: Record<Channel, number> = { web: 4_000, whatsapp: 1_600, sms: 1_000, email: 10_000 };

export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return `${end > max / 2 ? cut.slice(0, end + 1) : cut}…`;
}

/**
 * Lets an AI draft through to the customer, labelled as AI (R03, R04), only while the
 * assistant still has the conversation. Two answers in a row that rest on no approved
 * content hand the conversation to a person (R13).
 */
@Injectable()
export class DeliverAiDraftUseCase {
  constructor(private readonly notifier: CustomerNotifier) {}

  async execute(event: EventOf<'ai.reply.drafted'>, manager: EntityManager): Promise<void> {
    const conversation = await lockConversation(manager, event.tenantId, event.conversationId);
    if (conversation.status !== 'bot') {
      await appendToOutbox(manager, [audit(conversation, 'ai.draft.discarded', event, { status: conversation.status }, 'a person has the conversation')]);
      return;
    }
    await this.notifier.ensureDisclosed(manager, conversation, event);
    if (conversation.announcedSpeaker !== 'ai') {
      await this.notifier.notice(manager, conversation, t('status.backToAssistant', conversation.locale), event, 'speaker.announced');
      conversation.announcedSpeaker = 'ai';
    }
    const text = capLength(event.payload.text, MAX_AI_TEXT[conversation.channel]);
    await this.notifier.send(
      manager,
      conversation,
      {
        authorType: 'ai',
        displayName: t('assistant.displayName', conversation.locale),
        text,
        aiGenerated: true,
        sources: event.payload.sources,
      },
      event,
      text === event.payload.text ? 'ai.answer.sent' : 'ai.answer.shortened',
    );

    conversation.ungroundedStreak = event.payload.grounded ? 0 : conversation.ungroundedStreak + 1;
    await manager.getRepository(ConversationEntity).save(conversation);
    const settings = await readTenantSettings(manager, conversation.tenantId);
    const limit = settings.triggers.ungroundedAnswers;
    const trigger = event.payload.wantsHuman ? 'customer_request' : limit > 0 && conversation.ungroundedStreak >= limit ? 'could_not_answer' : null;
    if (!trigger) return;
    const requested = await requestHuman(manager, conversation, {
      trigger,
      reason: trigger === 'customer_request' ? 'model:wants_human' : `ungrounded_answers:${conversation.ungroundedStreak}`,
      messageId: event.payload.inboundMessageId,
      outsideHours: !isOpenAt(settings.openingHours, new Date()),
      causedBy: event,
    });
    await appendToOutbox(manager, [...requested.events, audit(conversation, 'escalation.requested', event, { trigger })]);
  }
}
